"""Fixture rows of the profile that set moved fields become notes: loaddata no longer takes them there."""

from __future__ import annotations

import re

from ...core.files import FIXTURE
from ...core.transform import TextTransform


class Fixtures(TextTransform):
    TITLE = "Fixture rows of the profile that set moved fields"
    RUNS_AFTER = ("templates",)
    ROLES = frozenset({FIXTURE})

    @classmethod
    def wants(cls, text, options, file):
        return super().wants(text, options, file) and options.profile_label.lower() in text.lower()

    def transform(self, text: str) -> str:
        label = re.escape(self.options.profile_label)
        rows = list(re.finditer(r"""["']?model["']?\s*:\s*["']?%s\b""" % label, text, re.I))
        named = [
            f.name
            for f in self.options.fields
            if re.search(r"""["']?\b%s["']?\s*:""" % re.escape(f.name), text)
        ]
        if rows and named:
            self.note_at(
                text,
                rows[0].start(),
                "%d row(s) of %s set %s, which moved to %s: loaddata refuses them "
                "now; move those values to the users' rows"
                % (
                    len(rows),
                    self.options.profile_label,
                    ", ".join(named),
                    self.options.user_label,
                ),
            )
        return text

"""`{{ user.profile.<field> }}` and `{% if request.user.profile.<field> %}` in templates read the field on the user."""

from __future__ import annotations

import re

from ...core.files import TEMPLATE
from ...core.transform import TextTransform
from ._common import elsewhere_message, names_a_user, not_known_message

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


class Templates(TextTransform):
    TITLE = "`{{ user.profile.<field> }}` in templates read on the user"
    ROLES = frozenset({TEMPLATE})

    @classmethod
    def wants(cls, text, options, file):
        return super().wants(text, options, file) and (".%s." % options.accessor) in text

    def transform(self, text: str) -> str:
        options = self.options
        path = re.compile(r"(\w*)(?<=[\w\]\)])\.%s\.(\w+)\b" % re.escape(options.accessor))

        def in_tag(tag: re.Match) -> str:
            def field(m: re.Match) -> str:
                owner, name = m.group(1), m.group(2)
                if not options.reads_on_user(name):
                    return m.group(0)
                what = "`.%s.%s`" % (options.accessor, name)
                if options.accessor_elsewhere:
                    self.note_at(
                        text,
                        tag.start() + m.start(1) + len(owner),
                        elsewhere_message(options, what, name),
                    )
                    return m.group(0)
                if not names_a_user(options, owner):
                    self.note_at(
                        text,
                        tag.start() + m.start(1) + len(owner),
                        not_known_message(options, what, name),
                    )
                    return m.group(0)
                return "%s.%s" % (owner, name)

            return path.sub(field, tag.group(0))

        return _TAG.sub(in_tag, text)

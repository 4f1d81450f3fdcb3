"""Fixtures (JSON, YAML) with "model": "auth.user" rows name the new model, edited as text."""

from __future__ import annotations

import re

from ...core.files import FIXTURE
from ...core.transform import TextTransform

_PATTERN = re.compile(r"\bauth\b", re.I)

# A Django fixture is a top-level list of rows, each with a "model": "app_label.model" key.
_JSON_FIXTURE = re.compile(r"""\A\ufeff?\s*\[.*?"model"\s*:\s*"\w+\.\w+\"""", re.S)
_YAML_FIXTURE = re.compile(r"""^-[ \t]+(?:model|pk|fields)[ \t]*:""", re.M)
_YAML_MODEL = re.compile(r"""^[ \t]*(?:-[ \t]*)?model[ \t]*:[ \t]*["']?\w+\.\w+""", re.M)

# In each regex group 1 is the text before the app label "auth", the last group the text after it.
_JSON_EDITS = (
    # "model": "auth.user"
    re.compile(r"""("model"\s*:\s*")auth(\.user")""", re.I),
    # natural keys: the user content type ["auth", "user"], its permissions ["change_user", "auth", "user"]
    re.compile(r"""(\[\s*(?:"\w+"\s*,\s*)?")auth("\s*,\s*"user"\s*\])"""),
    # content type rows: "fields": {"app_label": "auth", "model": "user"}
    re.compile(r"""("app_label"\s*:\s*")auth("\s*,\s*"model"\s*:\s*"user"\s*[,}])"""),
    re.compile(r"""("model"\s*:\s*"user"\s*,\s*"app_label"\s*:\s*")auth("\s*[,}])"""),
)
_Q = r"""["']?"""  # YAML scalars may be quoted or not
_YAML_EDITS = (
    # - model: auth.user
    re.compile(
        r"""(^[ \t]*(?:-[ \t]*)?model[ \t]*:[ \t]*%s)auth(\.user%s[ \t]*(?:#.*)?\r?$)""" % (_Q, _Q),
        re.I | re.M,
    ),
    # flow lists: [auth, user], [change_user, auth, user]
    re.compile(
        r"""(\[[ \t]*(?:%s\w+%s[ \t]*,[ \t]*)?%s)auth(%s[ \t]*,[ \t]*%suser%s[ \t]*\])"""
        % ((_Q,) * 6)
    ),
    # content type rows, block or flow: app_label: auth / model: user
    re.compile(
        r"""(^([ \t]*)app_label[ \t]*:[ \t]*%s)auth(%s[ \t]*\r?\n\2model[ \t]*:[ \t]*%suser%s[ \t]*\r?$)"""
        % ((_Q,) * 4),
        re.M,
    ),
    re.compile(
        r"""(^([ \t]*)model[ \t]*:[ \t]*%suser%s[ \t]*\r?\n\2app_label[ \t]*:[ \t]*%s)auth(%s[ \t]*\r?$)"""
        % ((_Q,) * 4),
        re.M,
    ),
    re.compile(
        r"""(\bapp_label[ \t]*:[ \t]*%s)auth(%s[ \t]*,[ \t]*model[ \t]*:[ \t]*%suser%s[ \t]*[,}])"""
        % ((_Q,) * 4)
    ),
)
# A natural key as a YAML block list: "- auth" then "- user" at the same indentation.
_YAML_BLOCK_KEY = re.compile(
    r"""^([ \t]*)-[ \t]+%sauth%s[ \t]*\r?\n\1-[ \t]+%suser%s[ \t]*\r?$""" % ((_Q,) * 4), re.M
)

BLOCK_KEY = (
    "natural key [auth, user] as a YAML block list; if it is the user content type's key (or the last "
    "two items of a permission's), after the swap it is [%s, user]; change auth to %s here by hand"
)


class Fixtures(TextTransform):
    TITLE = "Fixtures: auth.user rows and natural keys"
    ROLES = frozenset({FIXTURE})
    PATTERN = _PATTERN
    FOLDED_LITERALS = ("auth",)

    def transform(self, text: str) -> str:
        yaml = self.file.path.lower().endswith((".yaml", ".yml"))
        if not (
            _JSON_FIXTURE.match(text)
            or (yaml and _YAML_FIXTURE.search(text) and _YAML_MODEL.search(text))
        ):
            return text  # package.json, CI configs, ...: not Django's
        edits = _JSON_EDITS + (_YAML_EDITS if yaml else ())
        if yaml:
            label = self.options.label
            for match in _YAML_BLOCK_KEY.finditer(text):
                self.note_at(text, match.start() + len(match.group(1)), BLOCK_KEY % (label, label))
        for regex in edits:
            text = regex.sub(self._relabel, text)
        return text

    def _relabel(self, match: re.Match) -> str:
        return "%s%s%s" % (match.group(1), self.options.label, match.group(match.re.groups))

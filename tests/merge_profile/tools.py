"""Options for the merge_profile transform tests (the runner and checks are tests/transforms/tools.py's)."""

from __future__ import annotations

from dataclasses import replace

from codemods.core.style import ProjectStyle
from codemods.merge_profile.options import MergeOptions, MovedField

FIELDS = (
    MovedField(
        "bio", "bio", False, "models.TextField(blank=True)", (("django.db", "models", None),)
    ),
    MovedField(
        "team",
        "team_id",
        False,
        'models.ForeignKey("profiles.team", on_delete=models.SET_NULL, null=True)',
        (("django.db", "models", None),),
    ),
    MovedField(
        "books",
        "books",
        True,
        'models.ManyToManyField("profiles.book", blank=True)',
        (("django.db", "models", None),),
    ),
)
FIRST_PARTY = frozenset({"accounts", "profiles", "blog"})
OPTIONS = MergeOptions(
    fields=FIELDS,
    first_party=FIRST_PARTY,
    style=ProjectStyle(line_length=10_000, first_party=FIRST_PARTY),
)


def options(**kw) -> MergeOptions:
    return replace(OPTIONS, **kw)

"""D0: does the project's Django start, and do its system checks pass."""

from __future__ import annotations

from typing import Iterator

from ...core.django import command_line
from ..context import Context
from ..findings import ERROR, Finding


def check(ctx: Context) -> Iterator[Finding]:
    run = ctx.django_run
    if run is None:
        return
    if ctx.django is None:
        yield Finding(
            "D001",
            ERROR,
            "Django does not start: %s" % run.last_error(),
            "every management command stops here, migrate and the adoption step included, and the checks that "
            "need Django were skipped",
            "fix the cause (the other findings usually name it), then run `%s` to see the whole traceback"
            % command_line(run.argv[:2] + ["check"], ctx.project.root),
            where="manage.py check",
        )
        return
    if "checks_error" in ctx.django:
        yield Finding(
            "D002",
            ERROR,
            "Django's system checks crash: %s" % ctx.django["checks_error"],
            "manage.py check, runserver and migrate stop with this traceback",
            "see the other findings for the model that causes it",
            where="manage.py check",
        )
    for message in ctx.django.get("checks", []):
        obj = "%s: " % message["obj"] if message.get("obj") else ""
        yield Finding(
            "D002",
            ERROR,
            "%s%s (%s)" % (obj, message["msg"], message["id"]),
            "manage.py check fails, and runserver and migrate refuse to run",
            message.get("hint") or "see the other findings for where it comes from",
            where="manage.py check",
        )

"""The check families, one module each; every module has `check(ctx)` yielding findings, in this order."""

from __future__ import annotations

from . import commands, database, migrations, references, settings, startup, third_party

FAMILIES = (startup, settings, references, migrations, database, third_party, commands)

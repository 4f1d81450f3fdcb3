"""The generated management commands stay readable once black lays them out at the project's line length."""

from __future__ import annotations

import functools
import io
import tokenize
from dataclasses import replace

import pytest

from codemods.core.style import ProjectStyle
from codemods.swap_user import scaffold
from codemods.swap_user.options import SwapOptions

COMMANDS = sorted(p for p in scaffold.USER_APP.glob("management/commands/*.py") if p.stat().st_size)
COMMANDS.append(scaffold.USER_APP / "adoption.py")
OPTIONS = SwapOptions(label="users", app_module="project.users")


@functools.lru_cache(maxsize=None)
def rendered(line_length: int) -> dict[str, str]:
    return scaffold.render_templates(replace(OPTIONS, style=ProjectStyle(line_length=line_length)))


def unreadable(template: str, rendered: str) -> list[str]:
    """What black did to the template that a reader would trip over: a comment it moved into brackets it
    added (`except (\\n    Exception\\n):  # ...`), two strings side by side on one line."""
    found = []
    lines = {line.strip() for line in template.splitlines()}
    previous = None
    for tok in tokenize.generate_tokens(io.StringIO(rendered).readline):
        if tok.type == tokenize.COMMENT and tok.line.strip() not in lines:
            found.append("comment moved: " + tok.line.strip())
        if (
            tok.type == tokenize.STRING
            and previous is not None
            and previous.type == tokenize.STRING
            and previous.end[0] == tok.start[0]
        ):
            found.append("strings side by side: " + tok.line.strip())
        if tok.type not in (tokenize.NL, tokenize.COMMENT):
            previous = tok
    return found


@pytest.mark.parametrize("line_length", [79, 88, 100, 120])
@pytest.mark.parametrize("template", COMMANDS, ids=lambda p: p.name)
def test_black_leaves_the_command_readable(template, line_length):
    name = template.relative_to(scaffold.USER_APP).as_posix()
    assert unreadable(template.read_text(encoding="utf-8"), rendered(line_length)[name]) == []

"""Format the files the tool generates (never the files it edits) with black, in the project's style."""

from __future__ import annotations

import re
from pathlib import Path

import black

_LINE_LENGTH = re.compile(r"^\s*line[-_]length\s*=\s*(\d+)", re.M)


def project_line_length(root: Path) -> int:
    """black's line length from the project's pyproject.toml [tool.black], else black's default."""
    try:
        text = (root / "pyproject.toml").read_text(encoding="utf-8")
    except OSError:
        return black.DEFAULT_LINE_LENGTH
    section = re.search(r"^\[tool\.black\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    if section:
        m = _LINE_LENGTH.search(section.group(1))
        if m:
            return int(m.group(1))
    return black.DEFAULT_LINE_LENGTH


def format_python(source: str, line_length: int = black.DEFAULT_LINE_LENGTH) -> str:
    mode = black.Mode(line_length=line_length)
    try:
        return black.format_str(source, mode=mode)
    except black.NothingChanged:
        return source

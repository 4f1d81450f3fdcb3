"""Format the files the tool generates (never the files it edits) with black, in the project's style."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import black

def _setting(root: Path, sources: list[tuple[str, str]], key: str) -> str | None:
    """The first value of key (a regex with one group) in the sections of the project's config files, looked up
    in the order given: (file name, regex of the section names)."""
    for name, sections in sources:
        try:
            text = (root / name).read_text(encoding="utf-8")
        except OSError:
            continue
        for section in re.finditer(r"^\[(?:%s)\]\s*$(.*?)(?=^\[|\Z)" % sections, text, re.M | re.S):
            m = re.search(key, section.group(1), re.M)
            if m:
                return m.group(1)
    return None


_FLAKE8_FILES = ("setup.cfg", ".flake8", "tox.ini")


def configured_line_length(root: Path) -> int | None:
    """The line length the project's formatter or linter declares (black, ruff, flake8), if any."""
    found = _setting(root, [("pyproject.toml", r"tool\.black"), ("pyproject.toml", r"tool\.ruff")],
                     r"^\s*line[-_]length\s*=\s*(\d+)")
    found = found or _setting(root, [(name, "flake8") for name in _FLAKE8_FILES],
                              r"^\s*max[-_]line[-_]length\s*=\s*(\d+)")
    return int(found) if found else None


def configured_lines_after_imports(root: Path) -> int | None:
    """The blank lines the project's isort (or ruff's isort rules) wants after the imports, if it says."""
    sources = [("pyproject.toml", r"tool\.isort|tool\.ruff\.lint\.isort|tool\.ruff\.isort")]
    sources += [(name, r"isort|tool:isort|settings") for name in (".isort.cfg", "setup.cfg", "tox.ini")]
    found = _setting(root, sources, r"lines[-_]after[-_]imports\s*=\s*(-?\d+)")
    return int(found) if found else None


def project_line_length(root: Path) -> int:
    """The project's line length for the files the tool generates; black's default when none is set."""
    return configured_line_length(root) or black.DEFAULT_LINE_LENGTH


def configured_single_quotes(root: Path) -> bool:
    """Does the project's formatter ask for single quotes (ruff's quote-style = "single")?"""
    sources = [("pyproject.toml", r"tool\.ruff\.format"), ("ruff.toml", "format"), (".ruff.toml", "format")]
    return _setting(root, sources, r"""^\s*quote-style\s*=\s*["'](\w+)["']""") == "single"


def format_python(source: str, line_length: int = black.DEFAULT_LINE_LENGTH, single_quotes: bool = False) -> str:
    mode = black.Mode(line_length=line_length)
    try:
        text = black.format_str(source, mode=mode)
    except black.NothingChanged:
        text = source
    return _single_quoted(text) if single_quotes else text


def _single_quoted(source: str) -> str:
    """Black's output with 'single' quotes where the project's formatter wants them: one-line strings that hold
    no quote or backslash; docstrings and other triple-quoted strings keep double quotes, as ruff keeps them."""
    lines = source.splitlines(keepends=True)
    edits = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type != tokenize.STRING or tok.start[0] != tok.end[0]:
            continue
        prefix = re.match(r"[A-Za-z]*", tok.string).group(0)
        body = tok.string[len(prefix) :]
        if body.startswith('"""') or not body.startswith('"') or "'" in body or "\\" in body:
            continue
        edits.append((tok.start, tok.end[1], "%s'%s'" % (prefix, body[1:-1])))
    for (row, col), end, new in reversed(edits):
        line = lines[row - 1]
        lines[row - 1] = line[:col] + new + line[end:]
    return "".join(lines)


def format_statement(source: str, line_length: int) -> str | None:
    """One statement laid out by black (quotes kept as written), or None when black cannot take it alone."""
    mode = black.Mode(line_length=line_length, string_normalization=False)
    try:
        return black.format_str(source, mode=mode)
    except black.NothingChanged:
        return source
    except Exception:  # black's own parse errors and internal checks: leave the statement as it is
        return None

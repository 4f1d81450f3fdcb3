"""Format the files the tool generates (never the files it edits) with black, in the project's style."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import black

_LINE_LENGTH = re.compile(r"^\s*line[-_]length\s*=\s*(\d+)", re.M)


def configured_line_length(root: Path) -> int | None:
    """The line length the project's formatter or linter declares (black, ruff, flake8), if any."""
    try:
        text = (root / "pyproject.toml").read_text(encoding="utf-8")
    except OSError:
        text = ""
    for tool in ("black", "ruff"):
        section = re.search(r"^\[tool\.%s\]\s*$(.*?)(?=^\[|\Z)" % tool, text, re.M | re.S)
        if section:
            m = _LINE_LENGTH.search(section.group(1))
            if m:
                return int(m.group(1))
    for name in ("setup.cfg", ".flake8", "tox.ini"):
        try:
            config = (root / name).read_text(encoding="utf-8")
        except OSError:
            continue
        m = re.search(r"^\[flake8\][^\[]*?^\s*max[-_]line[-_]length\s*=\s*(\d+)", config, re.M | re.S)
        if m:
            return int(m.group(1))
    return None


def configured_lines_after_imports(root: Path) -> int | None:
    """The blank lines the project's isort (or ruff's isort rules) wants after the imports, if it says."""
    key = r"lines[-_]after[-_]imports\s*=\s*(-?\d+)"
    sources = [("pyproject.toml", r"tool\.isort|tool\.ruff\.lint\.isort|tool\.ruff\.isort")]
    sources += [(name, r"isort|tool:isort|settings") for name in (".isort.cfg", "setup.cfg", "tox.ini")]
    for name, sections in sources:
        try:
            text = (root / name).read_text(encoding="utf-8")
        except OSError:
            continue
        for section in re.finditer(r"^\[(?:%s)\]\s*$(.*?)(?=^\[|\Z)" % sections, text, re.M | re.S):
            m = re.search(key, section.group(1))
            if m:
                return int(m.group(1))
    return None


def project_line_length(root: Path) -> int:
    """The project's line length for the files the tool generates; black's default when none is set."""
    return configured_line_length(root) or black.DEFAULT_LINE_LENGTH


def configured_single_quotes(root: Path) -> bool:
    """Does the project's formatter ask for single quotes (ruff's quote-style = "single")?"""
    for name, section in (("pyproject.toml", r"tool\.ruff\.format"), ("ruff.toml", "format"), (".ruff.toml", "format")):
        try:
            text = (root / name).read_text(encoding="utf-8")
        except OSError:
            continue
        found = re.search(r"^\[%s\]\s*$(.*?)(?=^\[|\Z)" % section, text, re.M | re.S)
        if found and re.search(r"""^\s*quote-style\s*=\s*["']single["']""", found.group(1), re.M):
            return True
    return False


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

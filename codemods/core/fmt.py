"""The files the tool creates (never the files it edits) as the project's own tools leave them: its license
header, then its import sorter and formatter where it has them, else black at its line length and quotes."""

from __future__ import annotations

import io
import re
import subprocess
import tokenize
from pathlib import Path

import black
import libcst as cst

from .style import ProjectStyle


def format_created(root: Path, path: str, text: str, style: ProjectStyle) -> str:
    """The text of a file the tool creates at path (relative to root), in the project's style."""
    if not path.endswith(".py"):
        return text
    if style.header:
        text = with_header(text, style.header)
    if not text.strip():
        return text
    text = format_python(text, style)
    for _ in range(3 if style.line_length else 0):  # a split can move a string deeper: split again
        split = split_long_strings(text, style.line_length)
        if split == text:
            break
        text = format_python(split, style)
    for argv in _commands(root / path, style):
        text = _run(argv, root, text)
    return text


def with_header(text: str, header: tuple[str, ...]) -> str:
    """The text with the license header on top (after a `#!` line), unless it starts with it already."""
    shebang = text.splitlines(keepends=True)[0] if text.startswith("#!") else ""
    body = text[len(shebang) :]
    lines = "".join(line + "\n" for line in header)
    if body.startswith(lines):
        return text
    return shebang + lines + ("\n" + body if body.strip() else "")


def _commands(path: Path, style: ProjectStyle) -> list[list[str]]:
    """The project's own import sorter, then its formatters, each reading a file on stdin as `path`, with the
    configuration it finds from there; black runs in this process when the project has no black of its own."""
    folder = path.parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    where = ["--stdin-filename", str(path), "-"]
    commands = {
        "ruff-sort": ["check", "--select", "I", "--fix", "--exit-zero", "--no-cache", "--force-exclude", *where],
        "isort": ["--settings-path", str(folder), "-"],
        "ruff": ["format", "--no-cache", "--force-exclude", *where],
        "black": ["-q", *where],
    }
    sorter = {"ruff": "ruff-sort", "isort": "isort"}.get(style.import_sorter or "")
    out = []
    for step in [sorter, *style.formatters]:
        executable = style.tool("ruff" if step == "ruff-sort" else step) if step else None
        if executable is not None:
            out.append([executable, *commands[step]])
    return out


def _run(argv: list[str], root: Path, text: str) -> str:
    """What the tool printed for text on stdin; the text as it was when the tool fails."""
    try:
        proc = subprocess.run(argv, cwd=root, input=text, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return text
    return proc.stdout if proc.returncode == 0 and proc.stdout.strip() else text


def format_python(source: str, style: ProjectStyle = ProjectStyle()) -> str:
    """Black's layout at the project's line length, in its quotes, without the blank line black allows at the
    start of a block (`class Migration(...):` in Django's migrations) and ruff format removes."""
    mode = black.Mode(line_length=style.generated_line_length)
    try:
        text = black.format_str(source, mode=mode)
    except black.NothingChanged:
        text = source
    tree = cst.parse_module(text)
    new = tree.visit(_NoBlankFirstLine())
    text = text if new is tree else new.code
    return _single_quoted(text) if style.single_quotes else text


class _NoBlankFirstLine(cst.CSTTransformer):
    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock):
        first = updated_node.body[0] if updated_node.body else None
        if first is None or not first.leading_lines or any(line.comment for line in first.leading_lines):
            return updated_node
        return updated_node.with_changes(body=[first.with_changes(leading_lines=[]), *updated_node.body[1:]])


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


def split_long_strings(source: str, limit: int) -> str:
    """Strings that hold a line past the limit (the help texts Django writes into a migration) in parentheses,
    cut into an implicit concatenation of parts where it does not fit there either; black and ruff then put the
    parentheses on lines of their own. Only plain one-line strings without a backslash; no value changes."""
    lines = source.splitlines(keepends=True)
    edits = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type != tokenize.STRING or tok.start[0] != tok.end[0]:
            continue
        line = lines[tok.start[0] - 1].rstrip("\r\n")
        if len(line) <= limit:
            continue
        quote = tok.string[:1]
        if quote not in "'\"" or tok.string.startswith(quote * 3) or "\\" in tok.string:
            continue
        indent = len(line) - len(line.lstrip())
        width = limit - indent - 4 - 2  # one level deeper, in quotes
        parts = _parts(tok.string[1:-1], width)
        if len(parts) > 1 or len(parts[0]) <= width:  # in parentheses, one string may fit where it is too long
            edits.append((tok.start, tok.end[1], "(%s)" % " ".join(quote + part + quote for part in parts)))
    for (row, col), end, new in reversed(edits):
        line = lines[row - 1]
        lines[row - 1] = line[:col] + new + line[end:]
    return "".join(lines)


def _parts(body: str, width: int) -> list[str]:
    """body cut after spaces into parts of at most width characters (a longer word stays whole)."""
    parts = [""]
    for word in re.findall(r"\S*\s*", body):
        if parts[-1] and len(parts[-1]) + len(word.rstrip()) > width:
            parts.append("")
        parts[-1] += word
    return [part for part in parts if part]


def format_statement(source: str, line_length: int) -> str | None:
    """One statement laid out by black (quotes kept as written), or None when black cannot take it alone."""
    mode = black.Mode(line_length=line_length, string_normalization=False)
    try:
        return black.format_str(source, mode=mode)
    except black.NothingChanged:
        return source
    except Exception:  # black's own parse errors and internal checks: leave the statement as it is
        return None

"""Files in the project's style: those the tool creates as the project's own tools leave them (its license
header, its import sorter and formatter where it has them, else isort's order and black at its line length and
quotes), and those it rewrites settled again by the tools that had settled them."""

from __future__ import annotations

import ast
import dataclasses
import functools
import io
import multiprocessing
import os
import re
import subprocess
import tempfile
import tokenize
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import black
import libcst as cst

from . import layout
from .imports import sort_imports
from .style import ProjectStyle


def format_created(root: Path, path: str, text: str, style: ProjectStyle) -> str:
    """The text of a file the tool creates at path (relative to root), in the project's style."""
    if not path.endswith(".py"):
        return text
    if style.header:
        text = with_header(text, style.header)
    if not text.strip():
        return text
    if not any(style.tool(name) for name in ("ruff", "isort") if name == style.import_sorter):
        text = sort_imports(cst.parse_module(text), style).code
    text = format_python(text, style)
    for _ in range(3 if style.line_length else 0):  # a split can move a string deeper: split again
        split = split_long_strings(text, style.line_length)
        if split == text:
            break
        text = format_python(split, style)
    for argv in _commands(root / path, style):
        text = _run(argv, root, text)
    return text


def restyle_rewritten(
    root: Path,
    texts: dict[str, str],
    style: ProjectStyle,
    processes: int | None = None,
    laid_out: dict[str, str] | None = None,
) -> dict[str, str]:
    """The rewritten Python files ({path: new text}) after the project's own import sorter and formatters, each
    run only on the files it leaves as they are on disk (before the rewrite): what it changes then is what the
    rewrite unsettled, and nothing else. A formatter the project runs but does not have here is black (in this
    process, or in `processes` when there is enough text for a pool). `laid_out`: what lay_out_rewritten made
    of these texts where the files were rewritten, used for those the steps before black left as they were.
    """
    given, texts = texts, dict(texts)
    for step, executable in _steps(style):
        if executable is None:  # black, in this process
            done = {
                path: laid_out[path]
                for path, text in texts.items()
                if laid_out and path in laid_out and text == given[path]
            }
            texts.update(done)
            texts.update(
                _black_settled(
                    root, {p: t for p, t in texts.items() if p not in done}, style, processes
                )
            )
            continue
        settled = sorted(set(texts) - _unsettled(step, executable, root, sorted(texts), style))
        texts.update(_fixed(step, executable, root, {path: texts[path] for path in settled}, style))
    return texts


def _steps(style: ProjectStyle) -> list[tuple[str, str | None]]:
    """The steps restyle_rewritten takes, in order: (sorter or formatter, its executable; None for black in this
    process, which stands in for a formatter the project runs but does not have here)."""
    steps = [_SORTERS[style.import_sorter]] if style.import_sorter in _SORTERS else []
    steps += list(dict.fromkeys(name if style.tool(name) else "black" for name in style.formatters))
    out = []
    for step in steps:
        executable = style.tool(_EXECUTABLE.get(step, step))
        if executable is not None or step == "black":
            out.append((step, executable))
    return out


def lays_out(style: ProjectStyle) -> bool:
    """Does restyle_rewritten run black in this process, so that lay_out_rewritten may do it early?"""
    return any(executable is None for _, executable in _steps(style))


def lay_out_rewritten(root: Path, style: ProjectStyle, path: str, new_text: str) -> str:
    """restyle_rewritten's black step for one file, done early: black's layout of what the rewrite changed, where
    the file was rewritten (a worker of the pool), not in a pool of its own afterwards. The restyle uses it when
    the steps before black (an import sorter) leave the new text as it is."""
    laid_out = _settled_layout((path, _read(root / path), new_text), style)[1]
    return new_text if laid_out is None else laid_out


# Below this much text on disk, black in one process costs less than starting a pool.
BLACK_POOL_MIN_CHARS = 200_000


def _black_settled(
    root: Path, texts: dict[str, str], style: ProjectStyle, processes: int | None
) -> dict[str, str]:
    """{path: format_python(new text)} for the files black (format_python) leaves as they are on disk: one
    task per file (the check, then the layout of the new text), largest first, in a pool when it pays.
    """
    tasks = sorted(
        ((path, _read(root / path), text) for path, text in texts.items()),
        key=lambda task: -len(task[1]),
    )
    processes = min(processes or os.cpu_count() or 1, len(tasks))
    results: list[tuple[str, str | None]]
    if processes > 1 and sum(len(old) for _, old, _ in tasks) >= BLACK_POOL_MIN_CHARS:
        try:
            ctx = multiprocessing.get_context("fork")
        except ValueError:
            ctx = multiprocessing.get_context()
        with ProcessPoolExecutor(max_workers=processes, mp_context=ctx) as pool:
            results = list(pool.map(_settled_layout, tasks, [style] * len(tasks)))
    else:
        results = [_settled_layout(task, style) for task in tasks]
    return {path: new for path, new in results if new is not None}


def _settled_layout(task: tuple[str, str, str], style: ProjectStyle) -> tuple[str, str | None]:
    path, old, new = task
    try:  # the changed statements alone, each where black leaves it as it was (core/layout.py)
        return path, layout.lay_out_changed(
            old, new, functools.partial(_statement_layout, style=style), style.generated_line_length
        )
    except layout.Whole:
        pass
    if format_python(old, style) != old:
        return path, None  # black would change the file as it is: what it does is not the rewrite's
    return path, format_python(new, style)


def _statement_layout(text: str, width: int, style: ProjectStyle) -> str | None:
    """One statement laid out by format_python at the width its indentation leaves (None: not alone)."""
    try:
        return format_python(text, dataclasses.replace(style, line_length=width))
    except Exception:  # black's parse errors and internal checks: the statement cannot be alone
        return None


_SORTERS = {"ruff": "ruff-sort", "isort": "isort"}
_EXECUTABLE = {"ruff-sort": "ruff"}
_CHECKS = {
    "ruff-sort": (
        [
            "check",
            "--select",
            "I",
            "--no-cache",
            "--force-exclude",
            "--exit-zero",
            "--output-format",
            "concise",
        ],
        r"^(?P<path>.+?):\d+:\d+: I\d+",
    ),
    "ruff": (
        ["format", "--check", "--no-cache", "--force-exclude"],
        r"^Would reformat: (?P<path>.+)$|^ *--> (?P<at>.+?):\d+:\d+$",
    ),
    "isort": (
        ["--check-only", "--filter-files"],
        r"^ERROR: (?P<path>.+?) Imports are incorrectly sorted",
    ),
    "black": (["--check"], r"^would reformat (?P<path>.+)$"),
}


def _unsettled(
    step: str, executable: str, root: Path, paths: list[str], style: ProjectStyle
) -> set[str]:
    """The paths a tool would change as they are on disk (all of them when it cannot tell)."""
    args, pattern = _CHECKS[step]
    try:
        proc = subprocess.run(
            [executable, *args, *paths], cwd=root, capture_output=True, text=True, timeout=600
        )
    except (OSError, subprocess.TimeoutExpired):
        return set(paths)
    if proc.returncode not in (0, 1):
        return set(paths)
    named = {(root / path).resolve(): path for path in paths}
    found = set()
    for m in re.finditer(pattern, proc.stdout + "\n" + proc.stderr, re.M):
        where = root / next(group for group in m.groups() if group)  # an absolute path stays itself
        found.add(named.get(where.resolve(), ""))
    return found - {""}


def _fixed(
    step: str, executable: str, root: Path, texts: dict[str, str], style: ProjectStyle
) -> dict[str, str]:
    """The texts as the tool lays them out; ruff reads each on stdin, isort and black a copy of them all."""
    if step in ("ruff-sort", "ruff"):
        return {
            path: _run(_stdin_command(step, executable, root / path), root, text)
            for path, text in texts.items()
        }
    with tempfile.TemporaryDirectory() as tmp:
        for path, text in texts.items():
            (Path(tmp) / path).parent.mkdir(parents=True, exist_ok=True)
            (Path(tmp) / path).write_text(text, encoding="utf-8")
        config = ["--settings-path", str(root)] if step == "isort" else _black_config(root)
        args = ["--filter-files", "-q"] if step == "isort" else ["-q"]
        try:
            subprocess.run(
                [executable, *config, *args, *texts], cwd=tmp, capture_output=True, timeout=600
            )
        except (OSError, subprocess.TimeoutExpired):
            return {}
        return {path: _read(Path(tmp) / path) or text for path, text in texts.items()}


def _black_config(root: Path) -> list[str]:
    return ["--config", str(root / "pyproject.toml")] if (root / "pyproject.toml").is_file() else []


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def with_header(text: str, header: tuple[str, ...]) -> str:
    """The text with the license header on top (after a `#!` line), unless it starts with it already."""
    shebang = text.splitlines(keepends=True)[0] if text.startswith("#!") else ""
    body = text[len(shebang) :]
    lines = "".join(line + "\n" for line in header)
    if body.startswith(lines):
        return text
    return shebang + lines + ("\n" + body if body.strip() else "")


def _commands(path: Path, style: ProjectStyle) -> list[list[str]]:
    """The project's own import sorter, then its formatters, each reading the file on stdin as `path`, with the
    configuration it finds from there (black, when the project has none of its own, runs in this process).
    """
    steps = [_SORTERS[style.import_sorter]] if style.import_sorter in _SORTERS else []
    steps += list(style.formatters)
    found = [(step, style.tool(_EXECUTABLE.get(step, step))) for step in steps]
    return [_stdin_command(step, executable, path) for step, executable in found if executable]


def _stdin_command(step: str, executable: str, path: Path) -> list[str]:
    folder = path.parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    where = ["--stdin-filename", str(path), "-"]
    return [
        executable,
        *{
            "ruff-sort": [
                "check",
                "--select",
                "I",
                "--fix",
                "--exit-zero",
                "--no-cache",
                "--force-exclude",
                *where,
            ],
            "isort": ["--settings-path", str(folder), "-"],
            "ruff": ["format", "--no-cache", "--force-exclude", *where],
            "black": ["-q", *where],
        }[step],
    ]


def _run(argv: list[str], root: Path, text: str) -> str:
    """What the tool printed for text on stdin; the text as it was when the tool fails."""
    try:
        proc = subprocess.run(
            argv, cwd=root, input=text, capture_output=True, text=True, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired):
        return text
    return proc.stdout if proc.returncode == 0 and proc.stdout.strip() else text


@functools.lru_cache(maxsize=1024)
def format_python(source: str, style: ProjectStyle = ProjectStyle()) -> str:
    """Black's layout at the project's line length, in its quotes, as ruff format would also have it: strings
    that black brings onto one line (`"a " "b"`, written for a shorter line) joined, no blank line at the start
    of a block (`class Migration(...):` in Django's migrations). A pure function of its arguments, kept for the
    process: the generated app's modules are the same text on every run."""
    text = _black(source, style)
    # LibCST parses black's output only where one of its two passes may change it: a pre-test on the text finds
    # every site either pass acts on (and some more), so text no pass changes is kept as it is.
    tree = None
    if _MAY_JOIN.search(text) and _sites(text)[0]:
        tree = cst.parse_module(text)
        joining = _JoinedStrings()
        joined = tree.visit(joining)
        if joining.joined:
            text = _black(joined.code, style)
            tree = None
    if _MAY_OPEN_BLANK.search(text) and _sites(text)[1]:
        tree = cst.parse_module(text) if tree is None else tree
        text = tree.visit(_NoBlankFirstLine()).code
    if "ruff" in style.formatters and "black" not in style.formatters:
        text = _two_after_imports(source, text)
    return _single_quoted(text) if style.single_quotes else text


def _two_after_imports(source: str, text: str) -> str:
    """Two blank lines after the module's imports where the source had two and black made one: ruff format
    allows up to two there (before a statement that is not a definition), black wants one."""
    before, after = _after_imports(source), _after_imports(text)
    if before is None or after is None or len(before) != len(after):
        return text
    lines = text.splitlines(keepends=True)
    for (_, had), (line, has) in sorted(zip(before, after), key=lambda pair: -pair[1][0]):
        if had == 2 and has == 1:
            lines.insert(line, lines[line])  # the blank line again, with its line ending
    return "".join(lines)


def _after_imports(text: str) -> list[tuple[int, int]] | None:
    """For each top-level import followed by a statement that is not an import, a definition or a decorated
    one: (the 0-based line of the first blank line after the import, how many blank lines there are, comments
    stopping the count); None when the text does not parse."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    lines = text.splitlines()
    found = []
    for a, b in zip(tree.body, tree.body[1:]):
        if not isinstance(a, (ast.Import, ast.ImportFrom)) or isinstance(
            b, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
        ):
            continue
        between = lines[a.end_lineno : b.lineno - 1]
        if all(not line.strip() for line in between):
            found.append((a.end_lineno, len(between)))
    return found


# Two string literals with only spaces (or line continuations) between them: every implicit concatenation that
# _JoinedStrings joins has one (its left string ends in a quote, its right one starts with a prefix and a quote).
_MAY_JOIN = re.compile(r"""['"](?:[ \t\f]|\\(?:\r\n|\r|\n))+[A-Za-z]{0,3}['"]""")
# A line ending in a colon (and maybe a comment) followed by a blank line: every indented block whose first
# statement _NoBlankFirstLine takes blank lines from (leading lines without a comment) starts so.
_MAY_OPEN_BLANK = re.compile(r":[ \t\f]*(?:#[^\r\n]*)?(?:\r\n|\r|\n)[ \t\f]*(?:\r\n|\r|\n)")


def _sites(text: str) -> tuple[bool, bool]:
    """(two string literals in a row, a block whose first statement follows blank lines and no comment), from
    Python's tokens: what the regexes above found, without the strings and comments that only look so.
    (True, True) when the text does not tokenize."""
    adjacent = blank = False
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return True, True
    for i, tok in enumerate(tokens[:-1]):
        if tok.type == tokenize.STRING and tokens[i + 1].type == tokenize.STRING:
            adjacent = True
        elif tok.type == tokenize.NEWLINE and _opens_block(tokens, i):
            j = i + 1
            while j < len(tokens) and tokens[j].type == tokenize.NL:
                j += 1
            blank |= j > i + 1 and j < len(tokens) and tokens[j].type == tokenize.INDENT
    return adjacent, blank


def _opens_block(tokens: list[tokenize.TokenInfo], newline: int) -> bool:
    """Does the logical line that ends at tokens[newline] end with a colon (its comment aside)?"""
    before = newline - 1
    if before >= 0 and tokens[before].type == tokenize.COMMENT:
        before -= 1
    return before >= 0 and tokens[before].type == tokenize.OP and tokens[before].string == ":"


def _black(source: str, style: ProjectStyle) -> str:
    try:
        return black.format_str(source, mode=black.Mode(line_length=style.generated_line_length))
    except black.NothingChanged:
        return source


class _JoinedStrings(cst.CSTTransformer):
    """`"a " "b"` on one line -> `"a b"`: same prefix and quotes, one line each."""

    def __init__(self) -> None:
        super().__init__()
        self.joined = False  # did it join any

    def leave_ConcatenatedString(
        self, original_node: cst.ConcatenatedString, updated_node: cst.ConcatenatedString
    ):
        left, right = updated_node.left, updated_node.right
        if not (
            isinstance(left, cst.SimpleString)
            and isinstance(right, cst.SimpleString)
            and isinstance(updated_node.whitespace_between, cst.SimpleWhitespace)
            and left.prefix == right.prefix
            and left.quote == right.quote
            and len(left.quote) == 1
        ):
            return updated_node
        value = left.value[: -len(left.quote)] + right.value[len(right.prefix) + 1 :]
        self.joined = True
        return cst.SimpleString(value, lpar=updated_node.lpar, rpar=updated_node.rpar)


class _NoBlankFirstLine(cst.CSTTransformer):
    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ):
        first = updated_node.body[0] if updated_node.body else None
        if (
            first is None
            or not first.leading_lines
            or any(line.comment for line in first.leading_lines)
        ):
            return updated_node
        return updated_node.with_changes(
            body=[first.with_changes(leading_lines=[]), *updated_node.body[1:]]
        )


def _single_quoted(source: str) -> str:
    """Black's output with 'single' quotes where the project's formatter wants them: one-line strings that hold
    no quote or backslash; docstrings and other triple-quoted strings keep double quotes, as ruff keeps them.
    """
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


_FSTRING_START = getattr(tokenize, "FSTRING_START", -1)
_FSTRING_END = getattr(tokenize, "FSTRING_END", -1)
_FSTRING = {_FSTRING_START, _FSTRING_END, getattr(tokenize, "FSTRING_MIDDLE", -1)} - {-1}


def split_long_strings(source: str, limit: int) -> str:
    """Strings that hold a line past the limit (the help texts Django writes into a migration) in parentheses,
    cut into an implicit concatenation of parts where it does not fit there either; black and ruff then put the
    parentheses on lines of their own. Only plain one-line strings without a backslash; no value changes.
    A part of an implicit concatenation (an earlier split, which black put deeper than it was) is no string
    of its own: `("a" "b") "c"` would not parse. The whole concatenation is cut again where it stands, into
    parts that fit its indentation, when its parts are all plain strings in the same quotes.
    """
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    edits = []  # (start offset, end offset, new text)
    # Adjacent strings (comments and line breaks between them), an f-string's tokens (3.12) among them whole.
    runs: list[list[tokenize.TokenInfo]] = [[]]
    depth = 0
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in (tokenize.NL, tokenize.COMMENT):
            continue
        if depth or tok.type == tokenize.STRING or tok.type in _FSTRING:
            runs[-1].append(tok)
            depth += (tok.type == _FSTRING_START) - (tok.type == _FSTRING_END)
        elif runs[-1]:
            runs.append([])
    for run in runs:
        long = [tok for tok in run if len(lines[tok.start[0] - 1].rstrip("\r\n")) > limit]
        if not long:
            continue
        quote = run[0].string[:1]
        if any(
            tok.type != tokenize.STRING
            or tok.start[0] != tok.end[0]
            or tok.string[:1] != quote
            or quote not in "'\""
            or tok.string.startswith(quote * 3)
            or "\\" in tok.string
            for tok in run
        ):
            continue
        line = lines[long[0].start[0] - 1]
        indent = len(line) - len(line.lstrip())
        offsets = (
            starts[run[0].start[0] - 1] + run[0].start[1],
            starts[run[-1].end[0] - 1] + run[-1].end[1],
        )
        body = "".join(tok.string[1:-1] for tok in run)
        if len(run) > 1:  # its parts stay where they are, one a line
            parts = _parts(body, limit - indent - 2)
            if parts != [tok.string[1:-1] for tok in run]:
                edits.append((*offsets, " ".join(quote + part + quote for part in parts)))
            continue
        width = limit - indent - 4 - 2  # one level deeper, in quotes
        parts = _parts(body, width)
        if (
            len(parts) > 1 or len(parts[0]) <= width
        ):  # in parentheses, one string may fit where it is too long
            edits.append((*offsets, "(%s)" % " ".join(quote + part + quote for part in parts)))
    for begin, end, new in reversed(edits):
        source = source[:begin] + new + source[end:]
    return source


def _parts(body: str, width: int) -> list[str]:
    """body cut after spaces into parts of at most width characters (a longer word stays whole)."""
    parts = [""]
    for word in re.findall(r"\S*\s*", body):
        if parts[-1] and len(parts[-1]) + len(word) > width:  # its space too: it ends the line
            parts.append("")
        parts[-1] += word
    return [part for part in parts if part]


@functools.lru_cache(maxsize=1024)
def format_statement(source: str, line_length: int) -> str | None:
    """One statement laid out by black (quotes kept as written), or None when black cannot take it alone; kept
    for the process: a module repeats its statements (the same field on many models)."""
    mode = black.Mode(line_length=line_length, string_normalization=False)
    try:
        return black.format_str(source, mode=mode)
    except black.NothingChanged:
        return source
    except Exception:  # black's own parse errors and internal checks: leave the statement as it is
        return None

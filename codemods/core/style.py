"""The project's style, read once from where its formatter, import sorter and linters read it: line length,
quotes, import sorting, which of those tools it runs, and the license header its files start with.
"""

from __future__ import annotations

import configparser
import fnmatch
import itertools
import os
import re
import shutil
import sqlite3
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

BLACK_LINE_LENGTH = 88  # black's and ruff format's default
# pre-commit hook ids of the formatters and import sorters, and the executable each hook's environment has
PRE_COMMIT_HOOKS = {
    "ruff-format": "ruff",
    "ruff": "ruff",
    "ruff-check": "ruff",
    "black": "black",
    "black-jupyter": "black",
    "isort": "isort",
}
# What isort's profiles set of the options that decide where the tool writes an import.
ISORT_PROFILES: dict[str, dict[str, Any]] = {
    "black": {"line_length": 88},
    "django": {"combine_as_imports": True, "line_length": 79},
    "pycharm": {"lines_after_imports": 2},
    "google": {
        "force_single_line": True,
        "force_sort_within_sections": True,
        "order_by_type": False,
    },
    "open_stack": {"force_single_line": True, "force_sort_within_sections": True},
    "plone": {"force_single_line": True, "lines_after_imports": 2, "line_length": 200},
    "attrs": {"lines_after_imports": 2},
    "hug": {"line_length": 100},
    "wemake": {"line_length": 80},
    "appnexus": {"force_sort_within_sections": True, "order_by_type": False},
}


@dataclass(frozen=True)
class ProjectStyle:
    """How the project's own tools want its code; the defaults are black's and isort's."""

    # the limit its formatter (else its linter) holds lines to; None: not said
    line_length: int | None = None
    single_quotes: bool = False  # its formatter wants 'single' quotes
    formatters: tuple[str, ...] = ()  # "ruff" (ruff format), "black": the formatters it runs
    import_sorter: str | None = None  # "ruff" (ruff's I rules) or "isort"
    first_party: frozenset[str] = frozenset()  # the project's own top-level packages
    combine_as: bool = False  # `from m import a as b, c` on one line
    force_single_line: bool = False  # one name per from-import
    # `import m` and `from m import a` sorted together by module
    force_sort_within_sections: bool = False
    order_by_type: bool = True  # CONSTANTS, then Classes, then functions in a from-import
    # blank lines between the imports and a statement the tool adds after them
    lines_after_imports: int = 1
    header: tuple[str, ...] = ()  # the comment lines every Python file near the new app starts with
    tools: tuple[
        tuple[str, str], ...
    ] = ()  # (tool, executable) of the project's formatters and sorter found

    @property
    def generated_line_length(self) -> int:
        """The line length for the files the tool creates."""
        return self.line_length or BLACK_LINE_LENGTH

    def tool(self, name: str) -> str | None:
        return dict(self.tools).get(name)


@dataclass(frozen=True)
class Hook:
    """One hook of .pre-commit-config.yaml."""

    id: str
    repo: str
    rev: str | None


def read_style(
    root: Path,
    near: Path | None = None,
    first_party: frozenset[str] = frozenset(),
    python: str | None = None,
) -> ProjectStyle:
    """The style of the project at root; `near` is the folder the new files go into (for its license header),
    `python` the project's interpreter (its environment may hold the formatters)."""
    config = _Config(root)
    formatters = config.formatters()
    sorter = config.import_sorter()
    imports = config.ruff_isort() if sorter == "ruff" else config.isort()
    known = imports.get("known_first_party") or ()
    return ProjectStyle(
        line_length=config.line_length(formatters),
        single_quotes=config.single_quotes(formatters),
        formatters=formatters,
        import_sorter=sorter,
        first_party=first_party | frozenset(_names(known)),
        combine_as=bool(imports.get("combine_as_imports", False)),
        force_single_line=bool(imports.get("force_single_line", False)),
        force_sort_within_sections=bool(imports.get("force_sort_within_sections", False)),
        order_by_type=bool(imports.get("order_by_type", True)),
        lines_after_imports=2 if _int(imports.get("lines_after_imports")) == 2 else 1,
        header=license_header(near or root, root),
        tools=find_tools(root, formatters, sorter, config.hooks, python),
    )


# -- reading the configuration files -----------------------------------------------------------------


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _bool(value: Any) -> bool:
    return (
        value
        if isinstance(value, bool)
        else str(value).strip().lower() in ("1", "true", "yes", "on")
    )


def _names(value: Any) -> list[str]:
    """A list option as isort and flake8 write it in INI files (`a, b` or one per line) or as a TOML list."""
    if isinstance(value, str):
        return [v for v in re.split(r"[\s,]+", value) if v]
    return [str(v) for v in value]


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def _read_ini(path: Path, top: bool = False) -> configparser.ConfigParser:
    """An INI file (setup.cfg, tox.ini, .flake8, .isort.cfg, .editorconfig); with `top`, keys before any section
    (an .editorconfig's `root = true`) go to a section of their own."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        text = path.read_text(encoding="utf-8")
        parser.read_string(("[%s]\n" % path.name if top else "") + text, source=str(path))
    except (OSError, UnicodeDecodeError, configparser.Error):
        pass
    return parser


def _dig(data: dict[str, Any], *keys: str) -> dict[str, Any]:
    for key in keys:
        data = data.get(key) if isinstance(data.get(key), dict) else {}
    return data


def _snake(table: dict[str, Any]) -> dict[str, Any]:
    return {key.replace("-", "_"): value for key, value in table.items()}


class _Config:
    """The project's configuration files, each read once with the reader its tools use."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pyproject = _read_toml(root / "pyproject.toml")
        self.ruff = self._ruff()
        self.hooks = precommit_hooks(root)
        self.ini = {
            name: _read_ini(root / name)
            for name in ("setup.cfg", "tox.ini", ".flake8", ".isort.cfg")
        }

    def _ruff(self) -> dict[str, Any]:
        """ruff's settings: the first of .ruff.toml, ruff.toml, pyproject.toml's [tool.ruff] (as ruff picks
        one), with the files it `extend`s underneath."""
        for name in (".ruff.toml", "ruff.toml"):
            if (self.root / name).is_file():
                return _extended(self.root / name, _read_toml(self.root / name))
        if "ruff" in _dig(self.pyproject, "tool"):
            return _extended(self.root / "pyproject.toml", _dig(self.pyproject, "tool", "ruff"))
        return {}

    def hook_ids(self) -> set[str]:
        return {hook.id for hook in self.hooks}

    def formatters(self) -> tuple[str, ...]:
        found = []
        if "format" in self.ruff or "ruff-format" in self.hook_ids():
            found.append("ruff")
        if "black" in _dig(self.pyproject, "tool") or {"black", "black-jupyter"} & self.hook_ids():
            found.append("black")
        return tuple(found)

    def import_sorter(self) -> str | None:
        lint = _dig(self.ruff, "lint")
        selected = [
            *_names(lint.get("select", self.ruff.get("select", []))),
            *_names(lint.get("extend-select", self.ruff.get("extend-select", []))),
        ]
        if any(code == "ALL" or re.fullmatch(r"I(0|00|001)?", code) for code in selected):
            return "ruff"
        if self._isort_table() is not None or "isort" in self.hook_ids():
            return "isort"
        return None

    def _isort_table(self) -> dict[str, Any] | None:
        """isort's own settings, from the first file isort reads them from."""
        if ".isort.cfg" in self.ini:
            for section in ("settings", "isort"):
                if self.ini[".isort.cfg"].has_section(section):
                    return dict(self.ini[".isort.cfg"][section])
        if "isort" in _dig(self.pyproject, "tool"):
            return _dig(self.pyproject, "tool", "isort")
        for name, sections in (
            ("setup.cfg", ("isort", "tool:isort")),
            ("tox.ini", ("isort", "tool:isort")),
        ):
            for section in sections:
                if self.ini[name].has_section(section):
                    return dict(self.ini[name][section])
        return None

    def isort(self) -> dict[str, Any]:
        table = _snake(self._isort_table() or {})
        options = dict(ISORT_PROFILES.get(str(table.get("profile", "")), {}))
        for key in (
            "combine_as_imports",
            "force_single_line",
            "force_sort_within_sections",
            "order_by_type",
        ):
            if key in table:
                options[key] = _bool(table[key])
        for key in ("lines_after_imports", "line_length", "known_first_party"):
            if key in table:
                options[key] = table[key]
        return options

    def ruff_isort(self) -> dict[str, Any]:
        table = _snake(_dig(self.ruff, "lint", "isort") or _dig(self.ruff, "isort"))
        options = {
            key: table[key]
            for key in (
                "combine_as_imports",
                "force_single_line",
                "force_sort_within_sections",
                "order_by_type",
                "lines_after_imports",
                "known_first_party",
            )
            if key in table
        }
        return options

    def _black_line_length(self) -> int:
        black = _snake(_dig(self.pyproject, "tool", "black"))
        return _int(black.get("line_length")) or BLACK_LINE_LENGTH

    def line_length(self, formatters: tuple[str, ...]) -> int | None:
        """The formatter's line length (the shorter, when it runs two), else the linters' limit."""
        ruff = _int(self.ruff.get("line-length", self.ruff.get("line_length")))
        if formatters:
            lengths = {"ruff": ruff or BLACK_LINE_LENGTH, "black": self._black_line_length()}
            return min(lengths[name] for name in formatters)
        pycodestyle = _dig(self.ruff, "lint", "pycodestyle") or _dig(self.ruff, "pycodestyle")
        found = ruff or _int(pycodestyle.get("max-line-length"))
        for name in ("setup.cfg", "tox.ini", ".flake8"):
            if found is None and self.ini[name].has_section("flake8"):
                section = _snake(dict(self.ini[name]["flake8"]))
                found = _int(section.get("max_line_length"))
        return found or editorconfig_line_length(self.root)

    def single_quotes(self, formatters: tuple[str, ...]) -> bool:
        # black always writes "double" quotes: with both formatters, only ruff's default agrees with it.
        return formatters == ("ruff",) and _dig(self.ruff, "format").get("quote-style") == "single"


def _extended(path: Path, table: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    """A ruff configuration with the one it `extend`s underneath (tables merged, its own keys winning)."""
    base = table.get("extend")
    if not isinstance(base, str) or depth > 5:
        return table
    parent_path = (path.parent / os.path.expanduser(base)).resolve()
    parent = _read_toml(parent_path)
    if parent_path.name == "pyproject.toml":
        parent = _dig(parent, "tool", "ruff")
    return _merged(_extended(parent_path, parent, depth + 1), table)


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        out[key] = (
            _merged(out[key], value)
            if isinstance(value, dict) and isinstance(out.get(key), dict)
            else value
        )
    return out


def editorconfig_line_length(root: Path) -> int | None:
    """max_line_length for Python files in the project's .editorconfig (the last matching section wins)."""
    parser = _read_ini(root / ".editorconfig", top=True)
    found = None
    for section in parser.sections():
        if _matches_python(section) and _int(parser[section].get("max_line_length")):
            found = _int(parser[section].get("max_line_length"))
    return found


def _matches_python(glob: str) -> bool:
    braces = re.fullmatch(r"(.*)\{([^}]*)\}(.*)", glob)
    options = (
        [braces.group(1) + part.strip() + braces.group(3) for part in braces.group(2).split(",")]
        if braces
        else [glob]
    )
    return any(fnmatch.fnmatch("module.py", option.replace("**", "*")) for option in options)


def precommit_hooks(root: Path) -> list[Hook]:
    """The hooks of .pre-commit-config.yaml: `repo:`, `rev:` and `- id:` lines, as pre-commit's own block
    layout writes them."""
    try:
        lines = (root / ".pre-commit-config.yaml").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    hooks, repo, rev = [], "", None
    for line in lines:
        m = re.match(r"""^\s*(?:-\s+)?(repo|rev|id):\s*["']?([^"'\s#]+)""", line)
        if not m:
            continue
        key, value = m.groups()
        if key == "repo":
            repo, rev = value, None
        elif key == "rev":
            rev = value
        else:
            hooks.append(Hook(value, repo, rev))
    return hooks


# -- the license header ----------------------------------------------------------------------------------

_VARYING = re.compile(r"(SPDX-FileCopyrightText:).*|\b(?:19|20)\d\d\b")


def file_header(text: str) -> tuple[str, ...]:
    """The comment lines a Python file starts with (after a `#!` line): a PEP 263 coding line, and the block
    of comments up to a blank line; a comment that sits on the first statement is that statement's.
    """
    lines = [line.rstrip() for line in text.splitlines()]
    if lines and lines[0].startswith("#!"):
        lines = lines[1:]
    coding = lines[:1] if lines and re.match(r"^#.*coding[:=]", lines[0]) else []
    rest = lines[len(coding) :]
    gap = list(itertools.takewhile(lambda line: not line, rest)) if coding else []
    rest = rest[len(gap) :]
    block = list(itertools.takewhile(lambda line: line.startswith("#"), rest))
    if block and len(rest) > len(block) and rest[len(block)]:
        block = []  # the block runs into the code: it belongs to the first statement
    return tuple(coding + (gap[:1] if block else []) + block)


def license_header(folder: Path, root: Path, limit: int = 400) -> tuple[str, ...]:
    """The header every non-empty Python file of the package the new files go into carries (its migrations
    aside: Django writes their first line), its copyright line the most common one; () if one file lacks it.
    The folder's own package is read, or its parent's when it has none yet."""
    folder = folder if folder.is_dir() else folder.parent
    while not folder.is_dir() and folder != root:
        folder = folder.parent
    headers: list[tuple[str, ...]] = []
    for path in _python_files(folder, limit):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return ()
        if text.strip():
            headers.append(file_header(text))
    shapes = {
        tuple(_VARYING.sub(lambda m: m.group(1) or "YEAR", line) for line in h) for h in headers
    }
    if len(shapes) != 1 or not headers or not headers[0]:
        return ()
    return Counter(headers).most_common(1)[0][0]


def _python_files(folder: Path, limit: int) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".")
            and d not in ("migrations", "node_modules")
            and not (Path(dirpath) / d / "pyvenv.cfg").exists()
        )
        found += [Path(dirpath) / name for name in sorted(filenames) if name.endswith(".py")]
        if len(found) >= limit:
            break
    return found[:limit]


# -- where the project's tools are ----------------------------------------------------------------------


def find_tools(
    root: Path,
    formatters: tuple[str, ...],
    sorter: str | None,
    hooks: list[Hook],
    python: str | None = None,
) -> tuple[tuple[str, str], ...]:
    """(tool, executable) for the formatters and the import sorter the project runs: from its interpreter's
    environment, a virtualenv in it, this interpreter's, PATH, or the environment pre-commit built for its hook.
    """
    wanted = [*formatters, *([sorter] if sorter and sorter not in formatters else [])]
    folders = [Path(python).parent] if python else []
    folders += [
        root / name / "bin"
        for name in (".venv", "venv", "env")
        if (root / name / "pyvenv.cfg").is_file()
    ]
    own = Path(sys.executable).parent
    found = []
    for tool in wanted:
        # This environment's black is the one the tool imports: it runs in this process.
        mine = [] if tool == "black" else [own]
        candidates = [folder / tool for folder in [*folders, *mine]]
        candidates += [
            Path(p)
            for p in [shutil.which(tool)]
            if p and not (tool == "black" and Path(p).parent == own)
        ]
        candidates += _precommit_envs(tool, hooks)
        executable = next((c for c in candidates if c.is_file() and os.access(c, os.X_OK)), None)
        if executable is not None:
            found.append((tool, str(executable)))
    return tuple(found)


def _precommit_envs(tool: str, hooks: list[Hook]) -> list[Path]:
    """The tool's executable in the environments pre-commit built for the project's hooks, at their revs."""
    home = Path(
        os.environ.get("PRE_COMMIT_HOME")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pre-commit"
    )
    repos = [(hook.repo, hook.rev) for hook in hooks if PRE_COMMIT_HOOKS.get(hook.id) == tool]
    if not repos or not (home / "db.db").is_file():
        return []
    try:
        with sqlite3.connect("file:%s?mode=ro" % (home / "db.db"), uri=True) as db:
            paths = [
                row[0]
                for repo, rev in repos
                for row in db.execute(
                    "SELECT path FROM repos WHERE repo = ? AND ref = ?", (repo, rev)
                )
            ]
    except sqlite3.Error:
        return []
    return [exe for path in paths for exe in sorted(Path(path).glob("py_env-*/bin/%s" % tool))]


__all__ = [
    "ProjectStyle",
    "read_style",
    "file_header",
    "license_header",
    "precommit_hooks",
    "find_tools",
]

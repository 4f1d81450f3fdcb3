"""The swap_user transforms in check mode: what each would rewrite, line by line, and what it notes.

Nothing is written: the runner returns new texts, which are only compared with the old. When several transforms
change one file, each is run alone on it as well, so every changed line is put down to the transform (the
reference kind) that changes it.
"""

from __future__ import annotations

import ast
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from ..core.files import SourceFile
from ..core.notes import Note
from ..core.runner import FileResult, Job, run, run_job, select
from ..core.transform import transform_name
from ..swap_user.pipeline import Rewrite

# The default of getattr(settings, "AUTH_USER_MODEL", "auth.User") is never used (Django's global settings
# define AUTH_USER_MODEL): swap_user rewrites it too, but it breaks nothing.
UNUSED_DEFAULT = re.compile(
    r"""getattr\(\s*settings\s*,\s*["']AUTH_USER_MODEL["']\s*,\s*["']auth\.user["']\s*\)""", re.I
)


@dataclass(frozen=True)
class Site:
    """One line (or block) of a file that a transform would rewrite."""

    path: str
    line: int
    transform: str
    snippet: str  # the first line as it is now, stripped
    role: str = ""  # the file's (core/files.py)


@dataclass
class Scan:
    sites: list[Site] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    unparsed: list[tuple[str, str]] = field(default_factory=list)  # (path, "line:col: message")
    # (path, "transform: last line of traceback")
    crashed: list[tuple[str, str]] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # not text in the encoding they declare
    files_changed: int = 0
    changes: int = 0  # sites, as the runner counts them
    roles: dict[str, str] = field(default_factory=dict)  # path -> role, of every file scanned

    def by_transform(self, *names: str) -> list[Site]:
        return [s for s in self.sites if s.transform in names]

    def excluding(self, *names: str) -> list[Site]:
        return [s for s in self.sites if s.transform not in names]


def scan(rewritten: Rewrite, options) -> Scan:
    """What swap_user's rewrite step found, site by site, each put down to the transform that changes it."""
    jobs = {job.file.path: job for job in rewritten.selection.jobs}
    out = Scan(
        unreadable=list(rewritten.selection.unreadable),
        roles={path: job.file.role for path, job in jobs.items()},
    )
    for result in rewritten.results:
        out.notes.extend(result.notes)
        if result.error is not None:
            out.unparsed.append((result.path, result.error))
            continue
        if result.crash is not None:
            where, _, trace = result.crash.partition(": ")
            last = trace.strip().splitlines()[-1] if trace.strip() else "?"
            out.crashed.append((result.path, "%s: %s" % (where, last)))
            continue
        if not result.changed:
            continue
        out.files_changed += 1
        out.changes += sum(result.changes.values()) or 1
        out.sites.extend(_attribute(result, jobs[result.path], options))
    return out


def scan_folder(
    root: Path,
    files: Sequence[SourceFile],
    transforms: Sequence[type],
    options,
    module_of: Callable[[str], tuple[str | None, bool]],
    processes: int | None = None,
) -> Scan:
    """The same for a folder outside the project (an installed package), with the transforms given."""
    selection = select(root, files, transforms, options, module_of)
    return scan(
        Rewrite(selection, run(selection.jobs, options, options.style, processes=processes)),
        options,
    )


def _attribute(result: FileResult, job: Job, options) -> list[Site]:
    """The lines each transform's own change starts at, judged against what all of them change together."""
    names = list(result.changes) or [_name(cls) for cls in job.transforms]
    lines = result.old_text.splitlines()
    imports = import_lines(result.old_text) if result.path.endswith(".py") else set()
    combined = blocks(result.old_text, result.new_text)
    if len(names) == 1:
        own = {names[0]: combined}
    else:
        own = {}
        for cls in job.transforms:
            if _name(cls) in names:
                alone = run_job(Job(job.file, job.text, (cls,)), options, options.style)
                if alone.error is None and alone.crash is None:
                    own[_name(cls)] = blocks(alone.old_text, alone.new_text)
    changed = {
        n
        for tag, i1, i2, _ in combined
        if tag in ("replace", "delete")
        for n in range(i1 + 1, i2 + 1)
    }
    kept = {text.strip() for text in result.new_text.splitlines()}
    sites: dict[int, Site] = {}
    for name, found in own.items():
        for line in _sites(found, lines, imports, changed, kept):
            sites.setdefault(line, _site(result.path, lines, line, name, job.file.role))
    # A change only the transforms together make (one sees what another left): put down to the first.
    for line in _sites(combined, lines, imports, changed, kept):
        if not any(abs(line - other) <= 1 for other in sites):
            sites.setdefault(line, _site(result.path, lines, line, names[0], job.file.role))
    return [sites[k] for k in sorted(sites) if not _unused_default(lines, k)]


def _unused_default(lines: list[str], line: int) -> bool:
    """The line is in a getattr(settings, "AUTH_USER_MODEL", "auth.User"), maybe split over lines."""
    return UNUSED_DEFAULT.search(" ".join(lines[max(0, line - 3) : line + 1])) is not None


def _sites(
    found, lines: list[str], imports: set[int], changed: set[int], kept: set[str]
) -> list[int]:
    """Where one transform's change is worth a finding.

    Code it replaces or deletes, at its first line of code. Failing that, imports it replaces, in place or by
    what it adds elsewhere (`User = get_user_model()` below the imports), where the whole run keeps what it adds:
    an import the run only deletes is a clean-up after another change. Failing both, the first place it inserts
    code (a settings entry)."""
    code, old_imports, inserted = [], [], []
    for tag, i1, i2, new in found:
        if tag == "insert":
            if any(text.strip() and not _looks_like_import(text) for text in new):
                inserted.append(max(i1, 1))
            continue
        span = [n for n in range(i1 + 1, i2 + 1) if lines[n - 1].strip()]
        first_code = next((n for n in span if n not in imports), None)
        if first_code is not None:
            code.append(first_code)
        elif span:
            old_imports.append(span[0])
    if code:
        return [n for n in code if n in changed]
    if old_imports:
        added = {text.strip() for *_, new in found for text in new if text.strip()}
        return [n for n in old_imports if n in changed] if added & kept else []
    return inserted[:1]


def _looks_like_import(text: str) -> bool:
    stripped = text.strip()
    return stripped.startswith(("import ", "from ")) and " import " in " " + stripped


def import_lines(text: str) -> set[int]:
    """Lines that belong to an import statement (multi-line imports included)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return {i for i, line in enumerate(text.splitlines(), 1) if _looks_like_import(line)}
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return out


def _name(cls: type) -> str:
    return transform_name(cls)


def _site(path: str, lines: list[str], start: int, transform: str, role: str) -> Site:
    text = lines[start - 1].strip() if 0 < start <= len(lines) else ""
    return Site(path, start, transform, text if len(text) <= 90 else text[:87] + "...", role)


def blocks(old: str, new: str) -> list[tuple[str, int, int, list[str]]]:
    """(tag, i1, i2, new lines) of every change from old to new; i1:i2 are 0-based old line indexes."""
    a, b = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [
        (tag, i1, i2, b[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    ]

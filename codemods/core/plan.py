"""Every change computed in memory first, shown as a diff, and written all or nothing."""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


class WriteError(Exception):
    """Writing failed; the tree was put back as it was."""


@dataclass
class Plan:
    root: Path
    edits: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (old text, new text)
    creates: dict[str, str] = field(default_factory=dict)  # path -> text of a new file
    _written: bool = False

    def edit(self, path: str, old: str, new: str) -> None:
        if path in self.edits:
            old = self.edits[path][0]
        if old == new:
            self.edits.pop(path, None)
        else:
            self.edits[path] = (old, new)

    def create(self, path: str, text: str) -> None:
        self.creates[path] = text

    def new_text(self, path: str) -> str | None:
        if path in self.creates:
            return self.creates[path]
        if path in self.edits:
            return self.edits[path][1]
        return None

    @property
    def empty(self) -> bool:
        return not self.edits and not self.creates

    def paths(self) -> list[str]:
        return sorted(set(self.edits) | set(self.creates))

    def diff(self) -> str:
        """A unified diff of every change in git's format, new files included (`git apply` takes it)."""
        chunks = []
        for path in self.paths():
            header = "diff --git a/%s b/%s\n" % (path, path)
            if path in self.creates:
                header += "new file mode 100644\n"
                old_lines: list[str] = []
                new_lines = self.creates[path].splitlines(keepends=True)
                a, b = "/dev/null", "b/" + path
            else:
                old, new = self.edits[path]
                old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
                a, b = "a/" + path, "b/" + path
            lines = list(difflib.unified_diff(old_lines, new_lines, a, b))
            for i, line in enumerate(lines):
                if not line.endswith("\n"):
                    lines[i] = line + "\n\\ No newline at end of file\n"
            chunks.append(header + "".join(lines))
        return "".join(chunks)

    # -- writing ------------------------------------------------------------------------------
    def check_current(self) -> list[str]:
        """Paths whose content changed since the plan was computed (someone else wrote them)."""
        stale = []
        for path, (old, _) in self.edits.items():
            try:
                if (self.root / path).read_bytes().decode("utf-8") != old:
                    stale.append(path)
            except (OSError, UnicodeDecodeError):
                stale.append(path)
        for path in self.creates:
            if (self.root / path).exists():
                stale.append(path)
        return stale

    def apply(self) -> None:
        """Write every change or none: new contents go to temporary files first, then replace."""
        staged: list[tuple[Path, Path]] = []
        made_dirs: list[Path] = []
        try:
            for path in self.paths():
                target = self.root / path
                text = self.new_text(path)
                assert text is not None
                parent = target.parent
                missing = []
                while not parent.exists():
                    missing.append(parent)
                    parent = parent.parent
                for d in reversed(missing):
                    d.mkdir()
                    made_dirs.append(d)
                fd, tmp = tempfile.mkstemp(prefix=".codemods-", dir=target.parent)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(text.encode("utf-8"))
                if target.exists():
                    os.chmod(tmp, target.stat().st_mode & 0o7777)
                else:
                    os.chmod(tmp, 0o644)
                staged.append((Path(tmp), target))
        except OSError as exc:
            for tmp, _ in staged:
                tmp.unlink(missing_ok=True)
            for d in reversed(made_dirs):
                _rmdir_quiet(d)
            raise WriteError("could not stage %s: %s" % (exc.filename or "a file", exc.strerror or exc)) from exc
        done: list[Path] = []
        try:
            for tmp, target in staged:
                os.replace(tmp, target)
                done.append(target)
        except OSError as exc:
            self._restore(done)
            for tmp, _ in staged:
                tmp.unlink(missing_ok=True)
            for d in reversed(made_dirs):
                _rmdir_quiet(d)
            raise WriteError("could not write %s: %s" % (exc.filename or "a file", exc.strerror or exc)) from exc
        self._written = True

    def _restore(self, targets: list[Path]) -> None:
        for target in targets:
            rel = target.relative_to(self.root).as_posix()
            if rel in self.creates:
                target.unlink(missing_ok=True)
            elif rel in self.edits:
                target.write_bytes(self.edits[rel][0].encode("utf-8"))

    def revert(self, extra_created: list[str] = ()) -> None:
        """Put the tree back as it was before apply(), also removing files others created since."""
        self._restore([self.root / p for p in self.paths()])
        for rel in extra_created:
            (self.root / rel).unlink(missing_ok=True)
        dirs = {(self.root / p).parent for p in list(self.creates) + list(extra_created)}
        for d in sorted(dirs, key=lambda p: len(p.parts), reverse=True):
            while d != self.root and d.is_dir():
                _remove_pycache(d)
                if any(d.iterdir()):
                    break
                d.rmdir()
                d = d.parent
        self._written = False


def _rmdir_quiet(d: Path) -> None:
    try:
        d.rmdir()
    except OSError:
        pass


def _remove_pycache(d: Path) -> None:
    cache = d / "__pycache__"
    if cache.is_dir():
        for f in cache.iterdir():
            f.unlink(missing_ok=True)
        _rmdir_quiet(cache)

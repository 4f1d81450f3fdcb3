"""Human output: one line per event on stderr, a summary line at the end."""

from __future__ import annotations

import sys
from typing import TextIO

QUIET, NORMAL, VERBOSE = 0, 1, 2


class Reporter:
    def __init__(self, verbosity: int = NORMAL, stream: TextIO | None = None) -> None:
        self.verbosity = verbosity
        self.stream = stream if stream is not None else sys.stderr

    def _write(self, line: str) -> None:
        self.stream.write(line.rstrip("\n") + "\n")
        self.stream.flush()

    def event(self, line: str) -> None:
        """`Rewriting blog/models.py`, `Creating accounts/models.py`: hidden with -q."""
        if self.verbosity >= NORMAL:
            self._write(line)

    def detail(self, line: str) -> None:
        """Shown with -v only."""
        if self.verbosity >= VERBOSE:
            self._write(line)

    def block(self, text: str, prefix: str = "  ") -> None:
        """Output of another program (Django), indented; hidden with -q."""
        if self.verbosity >= NORMAL:
            for line in text.rstrip().splitlines():
                self._write(prefix + line)

    def progress(self, stage: str, done: int, total: int) -> None:
        """`Reading files 1200/2400` on one line that keeps being rewritten (only on a terminal)."""
        if self.verbosity < NORMAL or total < 200:
            return
        end = "\n" if done >= total else ""
        self.stream.write("\r%s %d/%d%s" % (stage, done, total, end))
        self.stream.flush()

    def note(self, line: str) -> None:
        """Notes are always shown: each one asks a person to act."""
        self._write(line)

    def error(self, line: str) -> None:
        self._write("error: " + line)

    def summary(self, line: str) -> None:
        self._write(line)


VERBS = {"create": "Creating", "remove": "Removing", "rewrite": "Rewriting"}


def show_plan(reporter: Reporter, plan, notes, writing: bool, diff: bool) -> None:
    """Each path the plan touches (`Rewriting x`, or `Would rewrite x`), each note, and on --diff the diff."""
    for path in plan.paths():
        if path in plan.moves:
            reporter.event(
                "%s %s to %s" % ("Moving" if writing else "Would move", plan.moves[path], path)
            )
        elif path not in plan.moves.values():
            kind = (
                "create"
                if path in plan.creates
                else "remove" if path in plan.deletes else "rewrite"
            )
            reporter.event("%s %s" % (VERBS[kind] if writing else "Would " + kind, path))
    for note in notes:
        reporter.note(str(note))
    if diff:
        sys.stdout.flush()
        sys.stdout.buffer.write(plan.diff())
        sys.stdout.buffer.flush()

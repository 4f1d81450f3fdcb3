"""All or nothing for a run that writes: each step says how to undo itself before it acts, and if the run does
not finish (an error, an exception, Ctrl-C) every undo runs, the last step's first."""

from __future__ import annotations

import signal
import threading
from typing import Callable


class RollbackFailed(Exception):
    """Some undo failed: the message names what could not be put back (the original error is __cause__)."""


class Rollback:
    def __init__(self) -> None:
        self._undo: list[tuple[str, Callable[[], object]]] = []

    def on_failure(self, what: str, undo: Callable[[], object]) -> None:
        """Register undo (of `what`) before doing it: an undo puts back only what its step managed to do."""
        self._undo.append((what, undo))

    def __enter__(self) -> Rollback:
        return self

    def __exit__(self, kind, exc, tb) -> bool:
        if kind is not None:
            failed = self.undo()
            if failed:
                raise RollbackFailed("could not put back %s" % "; ".join(failed)) from exc
        self._undo.clear()
        return False

    def undo(self) -> list[str]:
        """Run every undo, the last first, even when one fails (and Ctrl-C waits until they are done)."""
        failed = []
        with _interrupts_held():
            while self._undo:
                what, undo = self._undo.pop()
                try:
                    undo()
                except Exception as exc:
                    failed.append("%s (%s: %s)" % (what, type(exc).__name__, exc))
        return failed


class _interrupts_held:
    """Ignore SIGINT for the duration (only the main thread can)."""

    def __enter__(self) -> None:
        self.previous = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, signal.SIG_IGN)

    def __exit__(self, *exc) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)

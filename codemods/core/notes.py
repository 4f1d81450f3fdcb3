"""Findings a person must act on, in the form `path:line:col: note: message [transform]`."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Note:
    path: str
    line: int
    col: int
    message: str
    transform: str
    severity: str = "note"  # or "info": worth knowing, nothing to do now
    documentation: bool = False  # in documentation (docs, a README, a docstring), not in code

    def __str__(self) -> str:
        return "%s:%d:%d: %s: %s [%s]" % (
            self.path,
            self.line,
            self.col,
            self.severity,
            self.message,
            self.transform,
        )

    def as_dict(self) -> dict:
        return asdict(self)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col

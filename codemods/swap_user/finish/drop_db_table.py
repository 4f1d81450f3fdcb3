"""Drop `db_table = "auth_user"` from the user model's Meta, and the Meta itself when nothing else is left in it."""

from __future__ import annotations

import libcst as cst

AUTH_USER_TABLE = "auth_user"


class DropDbTable(cst.CSTTransformer):
    """On `class <name>(...)` at module level: its `class Meta` loses `db_table = "auth_user"`; a Meta left with
    nothing (a docstring or `pass` at most) goes too, since the abstract base's Meta is inherited as it was.
    """

    def __init__(self, class_name: str = "User") -> None:
        super().__init__()
        self.class_name = class_name
        self.dropped = 0
        self._depth = 0

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self._depth += 1
        return self._depth <= 2

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef):
        self._depth -= 1
        if self._depth != 0 or original.name.value != self.class_name:
            return updated
        body = []
        for statement in updated.body.body:
            if isinstance(statement, cst.ClassDef) and statement.name.value == "Meta":
                meta = self._without_db_table(statement)
                if meta is None:
                    continue
                statement = meta
            body.append(statement)
        if not body:
            body = [cst.SimpleStatementLine([cst.Pass()])]
        return updated.with_changes(body=updated.body.with_changes(body=body))

    def _without_db_table(self, meta: cst.ClassDef) -> cst.ClassDef | None:
        kept = [s for s in meta.body.body if not _is_db_table(s)]
        if len(kept) == len(meta.body.body):
            return meta
        self.dropped += 1
        if all(_is_filler(s) for s in kept):
            return None
        return meta.with_changes(body=meta.body.with_changes(body=kept))


def _is_db_table(statement: cst.BaseStatement) -> bool:
    """`db_table = "auth_user"` alone on its line."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return False
    assign = statement.body[0]
    return (
        isinstance(assign, cst.Assign)
        and len(assign.targets) == 1
        and isinstance(assign.targets[0].target, cst.Name)
        and assign.targets[0].target.value == "db_table"
        and isinstance(assign.value, cst.SimpleString)
        and assign.value.evaluated_value == AUTH_USER_TABLE
    )


def _is_filler(statement: cst.BaseStatement) -> bool:
    """`pass` or a docstring alone on its line."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return False
    small = statement.body[0]
    return isinstance(small, cst.Pass) or (
        isinstance(small, cst.Expr) and isinstance(small.value, cst.SimpleString)
    )


def drop_db_table(source: str, class_name: str = "User") -> tuple[str, int]:
    """The module's text without the user model's `db_table = "auth_user"`, and how many it dropped (0 or 1)."""
    transformer = DropDbTable(class_name)
    new = cst.parse_module(source).visit(transformer)
    return new.code, transformer.dropped

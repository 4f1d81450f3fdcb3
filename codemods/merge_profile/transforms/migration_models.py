"""A migration that imports the live profile model and names moved fields reads the historical model instead."""

from __future__ import annotations

import re

import libcst as cst

from ...core.files import MIGRATION
from ...core.models_reader import absolute_module
from ...core.transform import PythonTransform
from ..moves import names_read


class MigrationModels(PythonTransform):
    """tandoor's cookbook/migrations/0237: `from cookbook.models import UserPreference`, then, in its RunPython
    function, `UserPreference.objects.bulk_update(..., ['default_meal_type_id'])`. Once the field moved, the
    live model has no such field and `migrate` fails on every new database (tests included). The function
    gets the model of its own point in history, `UserPreference = apps.get_model("cookbook",
    "UserPreference")`, which is what the import stood for when it was written; the import loses the name
    when nothing else in the module uses it."""

    TITLE = "Migrations read the historical profile model"
    RUNS_AFTER = ("profile_admin",)
    ROLES = frozenset({MIGRATION})

    @classmethod
    def wants(cls, text, options, file):
        return (
            super().wants(text, options, file)
            and options.profile_class in text
            and "apps" in text
            and _names_moved(text, options)
        )

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if not _names_moved(original_node.code, self.options):
            return updated_node  # a migration that reads none of the moved fields keeps working as it is
        bound = self._imported_names(updated_node)
        if not bound:
            return updated_node
        label, _, model = self.options.profile_label.partition(".")
        body = list(updated_node.body)
        rewritten: set[str] = set()
        for i, stmt in enumerate(body):
            if not (
                isinstance(stmt, cst.FunctionDef)
                and stmt.params.params
                and stmt.params.params[0].name.value == "apps"
            ):
                continue
            used = [name for name in bound if _uses(stmt.body, name)]
            if not used:
                continue
            lines = [
                self.parse_statement('%s = apps.get_model("%s", "%s")\n' % (name, label, model))
                for name in used
            ]
            inner = list(stmt.body.body)
            at = 1 if inner and _is_docstring(inner[0]) else 0
            inner[at:at] = lines
            body[i] = stmt.with_changes(body=stmt.body.with_changes(body=inner))
            rewritten.update(used)
        if not rewritten:
            return updated_node
        outside = {
            name
            for name in rewritten
            if any(
                _uses(stmt, name)
                for stmt in body
                if not (isinstance(stmt, cst.FunctionDef) and _gets_model(stmt, name))
                and not _imports(stmt, name)
            )
        }
        out = []
        for stmt in body:
            drop = {n for n in rewritten - outside if _imports(stmt, n)}
            if drop:
                small = stmt.body[0]
                names = [a for a in small.names if (a.asname or a).name.value not in drop]
                if not names:
                    continue
                names[-1] = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                stmt = stmt.with_changes(body=[small.with_changes(names=names)])
            out.append(stmt)
        return updated_node.with_changes(body=out)

    def _imported_names(self, module: cst.Module) -> list[str]:
        """Names module-level `from ... import` statements bind to the profile class."""
        found = []
        package = (self.file.module or "").rpartition(".")[0]
        for stmt in module.body:
            small = _import_from(stmt)
            if small is None or isinstance(small.names, cst.ImportStar):
                continue
            dotted = cst.Module([]).code_for_node(small.module) if small.module else None
            source = absolute_module(package + ".x", False, len(small.relative), dotted)
            for alias in small.names:
                if "%s.%s" % (source, alias.name.value) in self.options.profile_names:
                    found.append(alias.asname.name.value if alias.asname else alias.name.value)
        return found


def _names_moved(text: str, options) -> bool:
    return any(
        re.search(r"\b%s\b" % re.escape(n), text)
        for f in options.fields
        for n in {f.name, f.attname}
    )


def _import_from(stmt: cst.CSTNode) -> cst.ImportFrom | None:
    if (
        isinstance(stmt, cst.SimpleStatementLine)
        and len(stmt.body) == 1
        and isinstance(stmt.body[0], cst.ImportFrom)
    ):
        return stmt.body[0]
    return None


def _imports(stmt: cst.CSTNode, name: str) -> bool:
    small = _import_from(stmt)
    return (
        small is not None
        and not isinstance(small.names, cst.ImportStar)
        and any((a.asname.name.value if a.asname else a.name.value) == name for a in small.names)
    )


def _uses(node: cst.CSTNode, name: str) -> bool:
    """Does node read `name` (not as an attribute's name, nor a keyword's)?"""
    return name in names_read(node)


def _gets_model(function: cst.FunctionDef, name: str) -> bool:
    first = function.body.body[:2]
    return any(
        isinstance(s, cst.SimpleStatementLine)
        and isinstance(s.body[0], cst.Assign)
        and isinstance(s.body[0].targets[0].target, cst.Name)
        and s.body[0].targets[0].target.value == name
        for s in first
    )


def _is_docstring(stmt: cst.CSTNode) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )

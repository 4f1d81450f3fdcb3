"""Settings modules and classes that define INSTALLED_APPS install the new app first and set AUTH_USER_MODEL."""

from __future__ import annotations

import re

import libcst as cst

from ...core.files import SETTINGS
from ...core.transform import PythonTransform
from ..transform_facts import Installed, Refuse
from ._common import MODEL_STRING, module_assignment, string_value

_PATTERN = re.compile(r"^[ \t]*(?:def[ \t]+)?(INSTALLED_APPS|AUTH_USER_MODEL)\b", re.M)


class Settings(PythonTransform):
    """Module-level settings, and settings classes (readthedocs' `Settings`, django-configurations'
    `Configuration`) whose attributes or properties define INSTALLED_APPS.

    Facts: Installed where the app is (or already was) installed; Refuse where INSTALLED_APPS or
    AUTH_USER_MODEL cannot be edited safely, so that the run refuses before writing."""

    TITLE = "Settings: app installed first, AUTH_USER_MODEL set"
    ROLES = frozenset({SETTINGS})
    PATTERN = _PATTERN
    METADATA_DEPENDENCIES = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._depth = 0  # classes and functions around the node being visited

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._depth += 1

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        self._depth -= 1
        return updated_node

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._depth += 1

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        self._depth -= 1
        if self._depth or not isinstance(updated_node.body, cst.IndentedBlock):
            return updated_node
        body = self._install(list(updated_node.body.body), original_node.body.body, in_class=True)
        return updated_node.with_changes(body=updated_node.body.with_changes(body=body))

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        return updated_node.with_changes(
            body=self._install(list(updated_node.body), original_node.body, False)
        )

    def _install(self, body: list, originals, in_class: bool) -> list:
        """The statements of a settings module or class, with the app first in INSTALLED_APPS and the setting."""
        entry = self.options.app_module
        installed_at = None
        already = False
        for i, stmt in enumerate(body):
            assign = module_assignment(stmt, "INSTALLED_APPS")
            if assign is not None and _has_entry(assign.value, entry, body[:i]):
                already = True
            if (
                in_class
                and isinstance(stmt, cst.FunctionDef)
                and stmt.name.value == "INSTALLED_APPS"
            ):
                found = _returned_list(stmt)
                already = already or (
                    isinstance(found, tuple) and entry in _strings(found[1].value)
                )
        for i, stmt in enumerate(body):
            assign = module_assignment(stmt, "INSTALLED_APPS")
            if already:
                break
            if (
                in_class
                and isinstance(stmt, cst.FunctionDef)
                and stmt.name.value == "INSTALLED_APPS"
            ):
                new_stmt = self._install_in_property(stmt, entry, originals)
                if new_stmt is not stmt:
                    body[i], installed_at = new_stmt, i
                continue
            if assign is None or _mentions(assign.value, "INSTALLED_APPS"):
                continue
            if _has_entry(assign.value, entry, body[:i]):
                already = True
                installed_at = i
                continue
            new_value = _insert_first(assign.value, entry)
            if new_value is not None:
                body[i] = _replace_value(stmt, assign, new_value)
                installed_at = i
                continue
            name = _leftmost_name(assign.value)
            target = _definition(body[:i], name) if name else None
            if target is not None:
                j, inner = target
                new_inner = _insert_first(inner.value, entry)
                if new_inner is not None:
                    body[j] = _replace_value(body[j], inner, new_inner)
                    installed_at = i
                    continue
            if (
                in_class
            ):  # a class attribute built by a call (django-configurations' values.ListValue, say)
                self._refuse(
                    originals,
                    "INSTALLED_APPS",
                    "INSTALLED_APPS is not a list or tuple the tool can add "
                    "to; write it as one (or as a property that returns one)",
                )
                continue
            quote = _quote(assign.value)
            body.insert(
                i + 1,
                self.parse_statement(
                    "INSTALLED_APPS = [%s%s%s, *INSTALLED_APPS]\n" % (quote, entry, quote)
                ),
            )
            installed_at = i + 1
        if already or installed_at is not None:
            self.fact(Installed(self.file.path))
        has_setting = False
        for i, stmt in enumerate(body):
            if (
                in_class
                and isinstance(stmt, cst.FunctionDef)
                and stmt.name.value == "AUTH_USER_MODEL"
            ):
                has_setting = True
                if installed_at is not None:
                    self._refuse(
                        originals,
                        "AUTH_USER_MODEL",
                        "AUTH_USER_MODEL is a method; make it a class " "attribute",
                    )
                continue
            assign = module_assignment(stmt, "AUTH_USER_MODEL")
            if assign is None:
                continue
            has_setting = True
            value = string_value(assign.value)
            if value is not None and MODEL_STRING.match(value.strip()):
                quote = assign.value.quote if isinstance(assign.value, cst.SimpleString) else '"'
                new = cst.SimpleString("%s%s%s" % (quote, self.options.user_model_label, quote))
                body[i] = _replace_value(stmt, assign, new)
            elif value is None and installed_at is not None:
                self._refuse(
                    originals,
                    "AUTH_USER_MODEL",
                    "AUTH_USER_MODEL is computed, so the tool cannot tell "
                    "what it names; write it as the string 'auth.User'",
                )
        if installed_at is not None and not has_setting and not already:
            quote = _quote(_installed_value(body[installed_at]))
            line = self.parse_statement(
                "AUTH_USER_MODEL = %s%s%s\n" % (quote, self.options.user_model_label, quote)
            )
            line = line.with_changes(leading_lines=[cst.EmptyLine(indent=False)])
            body.insert(installed_at + 1, line)
        return body

    def _install_in_property(self, func: cst.FunctionDef, entry: str, originals) -> cst.FunctionDef:
        """A settings property that returns INSTALLED_APPS, with the app first in the list it builds."""
        found = _returned_list(func)
        if found is None:
            return func  # built from a base class's INSTALLED_APPS, which gets the app
        if isinstance(found, str):
            self._refuse(
                originals,
                "INSTALLED_APPS",
                "INSTALLED_APPS is a property the tool cannot add to (%s); "
                "make it build and return one list or tuple" % found,
            )
            return func
        j, holder = found
        statements = list(func.body.body)
        statements[j] = _replace_value(statements[j], holder, _insert_first(holder.value, entry))
        return func.with_changes(body=func.body.with_changes(body=statements))

    def _refuse(self, originals, name: str, what: str) -> None:
        node = next((s for s in originals if _defines(s, name)), None)
        line = self.position(node)[0] if node is not None else 1
        self.fact(Refuse(self.file.path, line, "%s, and run again" % what))


def _replace_value(
    stmt: cst.SimpleStatementLine, assign, value: cst.BaseExpression
) -> cst.SimpleStatementLine:
    return stmt.with_changes(
        body=[s.with_changes(value=value) if s is assign else s for s in stmt.body]
    )


def _defines(stmt: cst.CSTNode, name: str) -> bool:
    if isinstance(stmt, cst.FunctionDef):
        return stmt.name.value == name
    return module_assignment(stmt, name) is not None


def _installed_value(stmt: cst.CSTNode) -> cst.CSTNode:
    """The node that holds INSTALLED_APPS' items in a statement (for its quotes)."""
    if isinstance(stmt, cst.FunctionDef):
        found = _returned_list(stmt)
        return found[1].value if isinstance(found, tuple) else stmt
    return module_assignment(stmt, "INSTALLED_APPS").value


def _returned_list(func: cst.FunctionDef):
    """Where a settings property builds the list it returns: (index of the statement, its Return or Assign
    node), None when it returns a base class's INSTALLED_APPS extended, or why the tool cannot tell.
    """
    returns = [n for n in _walk(func) if isinstance(n, cst.Return)]
    last = func.body.body[-1] if isinstance(func.body, cst.IndentedBlock) else None
    ret = (
        last.body[0] if isinstance(last, cst.SimpleStatementLine) and len(last.body) == 1 else None
    )
    if len(returns) != 1 or not isinstance(ret, cst.Return) or ret.value is None:
        return "it does not end in its only return"
    if _mentions(ret.value, "INSTALLED_APPS"):
        return None
    if _insert_first(ret.value, "x") is not None:
        return len(func.body.body) - 1, ret
    if not isinstance(ret.value, cst.Name):
        return "it returns neither a list nor a name bound to one"
    name = ret.value.value
    statements = func.body.body
    first = next(
        (j for j, s in enumerate(statements) if module_assignment(s, name) is not None), None
    )
    holder = module_assignment(statements[first], name) if first is not None else None
    if holder is None or _insert_first(holder.value, "x") is None:
        return "%s is not built from a list or tuple the tool can add to" % name
    rebound = [
        n
        for n in _walk(func)
        if isinstance(n, (cst.Assign, cst.AnnAssign))
        and n is not holder
        and _binds(n, name)
        and n.value is not None
        and not _mentions(n.value, name)
    ]
    if rebound:
        return "%s is assigned more than once" % name
    return first, holder


def _binds(node: cst.Assign | cst.AnnAssign, name: str) -> bool:
    targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
    return any(isinstance(t, cst.Name) and t.value == name for t in targets)


def _walk(node: cst.CSTNode):
    yield node
    for child in node.children:
        yield from _walk(child)


def _mentions(node: cst.CSTNode, name: str) -> bool:
    found = []

    class _V(cst.CSTVisitor):
        def visit_Name(self, n: cst.Name) -> None:
            if n.value == name:
                found.append(n)

    node.visit(_V())
    return bool(found)


def _strings(node: cst.CSTNode) -> list[str]:
    out = []
    if isinstance(node, (cst.List, cst.Tuple)):
        for el in node.elements:
            value = string_value(el.value) if not isinstance(el, cst.StarredElement) else None
            if value is not None:
                out.append(value)
    elif isinstance(node, cst.BinaryOperation):
        out += _strings(node.left) + _strings(node.right)
    return out


def _has_entry(value: cst.BaseExpression, entry: str, before: list) -> bool:
    names = _strings(value)
    name = _leftmost_name(value)
    if name:
        target = _definition(before, name)
        if target is not None:
            names += _strings(target[1].value)
    return any(n == entry or n.startswith(entry + ".apps.") for n in names)


def _quote(node: cst.CSTNode) -> str:
    for el in getattr(node, "elements", []) or []:
        if isinstance(el.value, cst.SimpleString):
            return el.value.quote[0]
    if isinstance(node, cst.BinaryOperation):
        return _quote(node.left)
    return '"'


def _insert_first(value: cst.BaseExpression, entry: str) -> cst.BaseExpression | None:
    """The list or tuple literal with the entry first, laid out like its current first item."""
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add):
        left = _insert_first(value.left, entry)
        return value.with_changes(left=left) if left is not None else None
    if not isinstance(value, (cst.List, cst.Tuple)):
        return None
    if isinstance(value, cst.Tuple) and not value.lpar:
        return None
    elements = list(value.elements)
    quote = _quote(value)
    string = cst.SimpleString("%s%s%s" % (quote, entry, quote))
    if not elements:
        comma = cst.Comma() if isinstance(value, cst.Tuple) else cst.MaybeSentinel.DEFAULT
        return value.with_changes(elements=[cst.Element(string, comma=comma)])
    first = elements[0]
    comma = first.comma
    bracket = value.lbracket if isinstance(value, cst.List) else value.lpar[0]
    if len(elements) == 1 or isinstance(comma, cst.MaybeSentinel):
        # The only item's comma (if any) leads to the closing bracket; ours leads to that item instead,
        # with the same break and indent as the opening bracket.
        after = bracket.whitespace_after
        if isinstance(after, cst.SimpleWhitespace) and not after.value:
            after = cst.SimpleWhitespace(" ")
        comma = cst.Comma(whitespace_after=after)
    new = cst.Element(string, comma=comma)
    return value.with_changes(elements=[new, *elements])


def _leftmost_name(value: cst.BaseExpression) -> str | None:
    while isinstance(value, cst.BinaryOperation):
        value = value.left
    return value.value if isinstance(value, cst.Name) else None


def _definition(body: list, name: str):
    """(index, assignment) of the last module-level literal assignment of name."""
    for j in range(len(body) - 1, -1, -1):
        assign = module_assignment(body[j], name)
        if assign is not None:
            return (j, assign) if isinstance(assign.value, (cst.List, cst.Tuple)) else None
    return None

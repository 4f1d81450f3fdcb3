"""Settings modules that define INSTALLED_APPS install the new app first and set AUTH_USER_MODEL."""

from __future__ import annotations

import re

import libcst as cst

from ...core.files import SETTINGS
from ...core.transform import PythonTransform
from ._common import MODEL_STRING, module_assignment, string_value

_PATTERN = re.compile(r"^(INSTALLED_APPS|AUTH_USER_MODEL)\b", re.M)


class Settings(PythonTransform):
    ROLES = frozenset({SETTINGS})
    PATTERN = _PATTERN
    METADATA_DEPENDENCIES = ()

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        body = list(updated_node.body)
        entry = self.options.app_module
        installed_at = None
        already = False
        for i, stmt in enumerate(body):
            assign = module_assignment(stmt, "INSTALLED_APPS")
            if assign is not None and _has_entry(assign.value, entry, body[:i]):
                already = True
        for i, stmt in enumerate(body):
            assign = module_assignment(stmt, "INSTALLED_APPS")
            if already or assign is None or _mentions(assign.value, "INSTALLED_APPS"):
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
            quote = _quote(assign.value)
            body.insert(i + 1, self.parse_statement("INSTALLED_APPS = [%s%s%s, *INSTALLED_APPS]\n" % (quote, entry, quote)))
            installed_at = i + 1
        has_setting = False
        for i, stmt in enumerate(body):
            assign = module_assignment(stmt, "AUTH_USER_MODEL")
            if assign is None:
                continue
            has_setting = True
            value = string_value(assign.value)
            if value is not None and MODEL_STRING.match(value.strip()):
                quote = assign.value.quote if isinstance(assign.value, cst.SimpleString) else '"'
                new = cst.SimpleString("%s%s%s" % (quote, self.options.user_model_label, quote))
                body[i] = _replace_value(stmt, assign, new)
        if installed_at is not None and not has_setting and not already:
            quote = _quote(module_assignment(body[installed_at], "INSTALLED_APPS").value)
            line = self.parse_statement('AUTH_USER_MODEL = %s%s%s\n' % (quote, self.options.user_model_label, quote))
            line = line.with_changes(leading_lines=[cst.EmptyLine()])
            body.insert(installed_at + 1, line)
        return updated_node.with_changes(body=body)



def _replace_value(stmt: cst.SimpleStatementLine, assign, value: cst.BaseExpression) -> cst.SimpleStatementLine:
    return stmt.with_changes(body=[s.with_changes(value=value) if s is assign else s for s in stmt.body])


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

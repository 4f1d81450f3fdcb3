"""Helpers shared by the swap_user transforms (not a transform itself)."""

from __future__ import annotations

import ast
import re

import libcst as cst

from ...core import scheduled
from ...core.files import SETTINGS
from ...core.imports import is_import_line
from ...core.transform import FileInfo, PythonTransform
from ..index import statements
from ..options import SwapOptions

_USER_WORD = re.compile(r"\bUser\b")
MODEL_STRING = re.compile(r"^auth\.user$", re.I)
# For keep_pattern(): "auth" in any case, as auth's label, module, table, URL names, permissions and admin section
# say it (none is followed by "or": "author", "authority" and "authorization" name something else).
AUTH_WORD = "(?i:auth(?!or))"


def wants_user(text: str, options: SwapOptions, file: FileInfo) -> bool:
    """Could this file bind auth's User? Decided by the project index, or from the text in tests."""
    if options.user_files is not None:
        return file.path in options.user_files
    return _USER_WORD.search(text) is not None


def is_auth_user(t: PythonTransform, node: cst.CSTNode) -> bool:
    """Does this expression name auth's User (through any alias or re-export)?"""
    return bool(t.qualified_names(node) & t.options.user_names)


def string_value(node: cst.CSTNode) -> str | None:
    """The value of a plain string literal (no f-string), else None."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


_STRINGS: list = [None, ()]  # the last tree asked about, and its strings


def string_constants(tree: ast.Module) -> tuple[str, ...]:
    """The str constants of a C-parser tree (an implicit concatenation is one, f-strings' literal parts
    are others), for the transforms' wants_tree(); kept for the last tree, which they all ask about in turn.
    """
    if _STRINGS[0] is not tree:
        _STRINGS[1] = tuple(
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        )
        _STRINGS[0] = tree
    return _STRINGS[1]


_WORDS: list = [None, None]  # (the last tree, options and file asked about), its pattern


def user_words(options: SwapOptions, file: FileInfo, tree: ast.Module) -> str:
    """A pattern for every name this file can read auth's User by ("User", its aliases and the names it is
    re-exported under), for keep_pattern(); kept for the last tree, which several transforms ask about.
    """
    key = (tree, options, file)
    if _WORDS[0] is None or any(a is not b for a, b in zip(_WORDS[0], key)):
        _WORDS[0], _WORDS[1] = key, _user_words(options, file, tree)
    return _WORDS[1]


def _user_words(options: SwapOptions, file: FileInfo, tree: ast.Module) -> str:
    names = {"User", *(q.rpartition(".")[2] for q in options.user_names)}
    for node in statements(tree):  # imports are statements: no walk over the expressions
        if isinstance(node, ast.ImportFrom):
            module = file.absolute("." * node.level + (node.module or ""))
            names.update(
                a.asname
                for a in node.names
                if a.asname and "%s.%s" % (module, a.name) in options.user_names
            )
    return r"\b(?:%s)\b" % "|".join(re.escape(name) for name in sorted(names))


def is_user_model_string(node: cst.CSTNode) -> bool:
    value = string_value(node)
    return value is not None and MODEL_STRING.match(value.strip()) is not None


def module_assignment(stmt: cst.CSTNode, name: str) -> cst.Assign | cst.AnnAssign | None:
    """The `name = ...` (or annotated) assignment in a statement line, if it holds one with a value."""
    if not isinstance(stmt, cst.SimpleStatementLine):
        return None
    for small in stmt.body:
        if isinstance(small, cst.Assign) and any(
            isinstance(t.target, cst.Name) and t.target.value == name for t in small.targets
        ):
            return small
        if (
            isinstance(small, cst.AnnAssign)
            and isinstance(small.target, cst.Name)
            and small.target.value == name
        ):
            return small if small.value is not None else None
    return None


def callee_name(call: cst.Call) -> str | None:
    func = call.func
    if isinstance(func, cst.Name):
        return func.value
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return None


def quote_of(node: cst.SimpleString) -> str:
    return node.quote[0] if node.quote else '"'


def user_model_setting(t: PythonTransform) -> cst.BaseExpression:
    """`settings.AUTH_USER_MODEL`, importing django.conf.settings; in a settings module, the literal label."""
    if t.file.role == SETTINGS:
        return cst.SimpleString('"%s"' % t.options.user_model_label)
    scheduled.add_needed_import(t.context, "django.conf", "settings")
    return cst.Attribute(value=cst.Name("settings"), attr=cst.Name("AUTH_USER_MODEL"))


def get_user_model_call(t: PythonTransform) -> cst.Call:
    """`get_user_model()`, importing it from django.contrib.auth."""
    scheduled.add_needed_import(t.context, "django.contrib.auth", "get_user_model")
    return cst.Call(func=cst.Name("get_user_model"))


# -- get_model("auth", "User"), shared by model_strings and migrations ---------------------------------------

_GET_MODEL_SLOTS = (
    "app_label",
    "model_name",
)  # Apps.get_model(app_label, model_name=None, require_ready=True)


def user_get_model_args(call: cst.Call) -> tuple[int, ...]:
    """Indexes of the arguments of a `get_model(...)` call that name auth's User: ("auth", "User"),
    ("auth.User") or the app_label=/model_name= keywords; () when it loads another model."""
    if callee_name(call) != "get_model" or any(arg.star for arg in call.args):
        return ()
    slots: dict[str, int] = {}
    positional = [i for i, arg in enumerate(call.args) if arg.keyword is None]
    for slot, i in zip(_GET_MODEL_SLOTS, positional):
        slots[slot] = i
    for i, arg in enumerate(call.args):
        if arg.keyword is not None and arg.keyword.value in _GET_MODEL_SLOTS:
            slots[arg.keyword.value] = i
    if "app_label" not in slots:
        return ()
    app_label = string_value(call.args[slots["app_label"]].value)
    if "model_name" not in slots:
        return (
            (slots["app_label"],)
            if app_label is not None and MODEL_STRING.match(app_label.strip())
            else ()
        )
    model_name = string_value(call.args[slots["model_name"]].value)
    if app_label == "auth" and model_name is not None and model_name.lower() == "user":
        return tuple(sorted(slots.values()))
    return ()


def with_model_argument(
    call: cst.Call, indexes: tuple[int, ...], value: cst.BaseExpression
) -> cst.Call:
    """The call with the arguments at indexes replaced by one argument, value, where the first of them was."""
    args = list(call.args)
    keep = indexes[0]
    first = args[keep]
    if first.keyword is not None and any(a.keyword is not None for a in args[:keep]):
        args[keep] = first.with_changes(value=value, keyword=cst.Name("app_label"))
    else:
        args[keep] = first.with_changes(value=value, keyword=None, equal=cst.MaybeSentinel.DEFAULT)
    for i in sorted(indexes[1:], reverse=True):
        removed = args.pop(i)
        if i == len(
            args
        ):  # it was the last argument: its comma (trailing or none) moves to the new last
            args[-1] = args[-1].with_changes(comma=removed.comma)
    return call.with_changes(args=args)


def settings_is_django(t: PythonTransform, node: cst.CSTNode) -> bool:
    """Would `settings` written at node mean django.conf.settings (bound to it, or free for the import that
    user_model_setting adds)? Needs ScopeProvider in the transform's METADATA_DEPENDENCIES (the light analysis
    answers when `settings` is bound only by a module-level import, or not at all)."""
    from libcst.metadata import ScopeProvider

    if t.file.role == SETTINGS:
        return True  # user_model_setting writes the literal label there
    if t.light is not None:
        return t.light.binding("settings", node) in (None, "django.conf.settings")
    scope = t.get_metadata(ScopeProvider, node, None)
    if scope is None:
        return True
    for assignment in scope["settings"]:
        if {q.name for q in assignment.get_qualified_names_for("settings")} != {
            "django.conf.settings"
        }:
            return False
    return True


# -- template syntax, shared by the template transforms -----------------------------------------------------

# A Django or Jinja2 tag ({{ ... }}, {% ... %}, over lines too). An unclosed one ends at the next opening, so
# that no text is scanned twice.
TEMPLATE_TAG_SOURCE = r"\{\{(?:(?!\{\{|\}\})[\s\S])*\}\}|\{%(?:(?!\{%|%\})[\s\S])*%\}"
TEMPLATE_TAG = re.compile(TEMPLATE_TAG_SOURCE)


# -- string literals and the source of nodes, shared by the Python transforms -------------------------------


def edit_string(node: cst.SimpleString, edit) -> cst.SimpleString | None:
    """The literal with edit(text) applied to its source between the quotes, keeping prefix and quotes.
    None when the edit on the source would not make the same change as on the value (escape sequences).
    """
    value = node.evaluated_value
    if not isinstance(value, str):
        return node  # bytes are never names Django looks up
    start = len(node.prefix) + len(node.quote)
    body = node.value[start : len(node.value) - len(node.quote)]
    new_body = edit(body)
    wanted = edit(value)
    if new_body == body and wanted == value:
        return node
    new = node.with_changes(
        value=node.value[:start] + new_body + node.value[len(node.value) - len(node.quote) :]
    )
    return new if new.evaluated_value == wanted else None


def code_of(node: cst.CSTNode) -> str:
    """The source of a node, for messages and for looking at a placeholder."""
    return cst.Module(body=[]).code_for_node(node)


def fstring_shape(node: cst.FormattedString) -> str:
    """The f-string's literal text with `{}` for each replacement field, to see names built at run time."""
    return "".join(p.value if isinstance(p, cst.FormattedStringText) else "{}" for p in node.parts)


# -- removing whole statements, shared by admin_registration and auth_forms --------------------------------


class _Body:
    """A body being visited (module or indented block): its statements, and what a removal left to carry."""

    def __init__(self, node: cst.Module | cst.IndentedBlock) -> None:
        self.statements = {id(stmt) for stmt in node.body}
        # leading lines of the statements removed since the last kept
        self.carry: list[cst.EmptyLine] | None = None
        self.kept = 0


class DropsStatements:
    """Mixin for a PythonTransform whose leave_* methods return RemovalSentinel.REMOVE for whole statements.

    A removed statement's comments move to the next statement of its body (they are never lost); of the blank
    lines the longer run wins, so the two blank lines before a removed statement still separate a class from
    what follows it, but an import line left first in its body keeps none. A block left empty holds `pass`.
    Removal is by RemovalSentinel, so the other transforms of the traversal see each statement's fate.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._bodies: list[_Body] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, (cst.Module, cst.IndentedBlock)):
            self._bodies.append(_Body(node))
        return super().on_visit(node)

    def on_leave(self, original_node, updated_node):
        result = super().on_leave(original_node, updated_node)
        if isinstance(original_node, (cst.Module, cst.IndentedBlock)):
            return _closed(self._bodies.pop(), result)
        body = self._bodies[-1] if self._bodies else None
        if body is None or id(original_node) not in body.statements:
            return result
        if isinstance(result, cst.RemovalSentinel):
            lines = list(updated_node.leading_lines)
            body.carry = lines if body.carry is None else _merge_lines(body.carry, lines)
            return result
        if body.carry is not None and isinstance(result, cst.CSTNode):
            lines = _merge_lines(body.carry, list(result.leading_lines))
            if not body.kept and is_import_line(
                result
            ):  # blank lines above it would separate nothing
                lines = [line for line in lines if line.comment is not None]
            result = result.with_changes(leading_lines=lines)
            body.carry = None
        body.kept += 1
        return result


def _closed(body: _Body, node):
    """The comments of statements removed at the end of a body go to its footer; an empty block gets `pass`."""
    comments = [line for line in body.carry or [] if line.comment is not None]
    if isinstance(node, cst.IndentedBlock) and not node.body:
        return node.with_changes(
            body=[cst.SimpleStatementLine(body=[cst.Pass()], leading_lines=comments)]
        )
    if comments and isinstance(node, (cst.Module, cst.IndentedBlock)):
        return node.with_changes(footer=[*comments, *node.footer])
    return node


def _merge_lines(first: list[cst.EmptyLine], then: list[cst.EmptyLine]) -> list[cst.EmptyLine]:
    if any(line.comment is not None for line in [*first, *then]):
        return [*first, *then]
    return first if len(first) >= len(then) else then


class _Uses(cst.CSTVisitor):
    def __init__(self, t: PythonTransform) -> None:
        super().__init__()
        self.t = t

    def visit_Name(self, node: cst.Name) -> None:
        self.t.consume(node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.t.consume(node)


def consume_all(t: PythonTransform, *nodes: cst.CSTNode | None) -> None:
    """Tell the other transforms of the traversal (user_class) that every name in these original nodes is
    rewritten away, so an import used only there can go."""
    for node in nodes:
        if node is not None:
            node.visit(_Uses(t))


def rewrite_away(t: PythonTransform, user: cst.BaseExpression) -> None:
    """A use of auth's User that t replaces: consumed, and the module import an attribute use reads it through
    (`auth.models.User`, `m.User`) goes when nothing else uses it. An imported name is left to user_class,
    which knows whether the module re-exports it."""
    if isinstance(user, cst.Attribute):
        scheduled.remove_unused_import_by_node(t.context, user)
    consume_all(t, user)

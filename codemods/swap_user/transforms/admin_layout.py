"""Admin layout data that lists Users under auth (menus, app_list orderings, its section's name) is a note."""

from __future__ import annotations

import re

import libcst as cst

from ...core.files import PYTHON, SETTINGS
from ...core.transform import PythonTransform
from ._common import AUTH_WORD, string_constants, string_value

# A quoted "auth", or auth's section name: `["']auth["']|authentication and authorization`, written to start with
# "auth" so that the regex engine scans for its first letter.
_PATTERN = re.compile(r"""auth(?:(?<=["']auth)["']|entication and authorization)""", re.I)
# How layout data names the user model: by model name, verbose name, or label.
_USER = re.compile(r"(?:auth\.)?users?", re.I)
AUTH_SECTION = "authentication and authorization"  # auth's verbose_name: the admin's heading for it

LAYOUT = (
    "admin layout: %s; after the swap the user model is %s and the admin lists Users in the '%s' app's section, "
    "not auth's; move or reorder them there by hand"
)


class AdminLayout(PythonTransform):
    TITLE = "Admin layout data listing Users under auth (notes only)"
    RUNS_AFTER = ("admin_urls",)
    ROLES = frozenset({PYTHON, SETTINGS})
    PATTERN = _PATTERN
    FOLDED_LITERALS = ("auth",)
    METADATA_DEPENDENCIES = ()

    @classmethod
    def keep_pattern(cls, options, file, tree):
        # What it reads: "auth" strings and the auth section's name.
        return re.compile(AUTH_WORD)

    def __init__(self, context, options, file):
        super().__init__(context, options, file)
        # per function (and the module): the strings naming auth's section, and whether Users are named there
        self.scopes: list[tuple[list[cst.CSTNode], list[bool]]] = []

    @classmethod
    def wants_tree(cls, tree, options, file):
        # Every note it makes is at an "auth" string or at the auth section's name (a part of a concatenation,
        # hence `in`).
        return any(
            value == "auth" or AUTH_SECTION in value.lower() for value in string_constants(tree)
        )

    def _layout(self, node: cst.CSTNode, what: str) -> None:
        label = self.options.label
        self.note(node, LAYOUT % (what, self.options.user_model_label, label))

    # -- {"app": "auth", "models": [...]} (modeladmin-reorder, django-suit), {"auth": [...]} orderings --------
    def visit_Dict(self, node: cst.Dict) -> None:
        entries = [e for e in node.elements if isinstance(e, cst.DictElement)]
        values = {string_value(e.key): e.value for e in entries}
        app, models = values.get("app"), values.get("models")
        if (
            app is not None
            and string_value(app) == "auth"
            and models is not None
            and _names_users(models)
        ):
            self._layout(app, '{"app": "auth", "models": ...} shows Users in the auth app')
        for e in entries:
            if string_value(e.key) == "auth" and _is_collection(e.value) and _names_users(e.value):
                self._layout(e.key, '"auth": ... orders Users within the auth app')

    # -- ["auth", "auth.user", ...] (jazzmin's order_with_respect_to), ("auth", ["User", "Group"]) --------------
    def _sequence(self, node: cst.List | cst.Tuple | cst.Set) -> None:
        values = [string_value(el.value) for el in node.elements]
        if any(a == "auth" and b == "user" for a, b in zip(values, values[1:])):
            return  # ("auth", "user"), ("change_user", "auth", "user"): a content type's natural key, not a layout
        auth = [el.value for el in node.elements if string_value(el.value) == "auth"]
        others = [el.value for el in node.elements if string_value(el.value) != "auth"]
        if auth and any(_names_users(el) for el in others):
            self._layout(auth[0], '"auth" with Users next to it orders them with the auth app')

    visit_List = visit_Tuple = visit_Set = _sequence

    # -- "Authentication and Authorization" where Users are named too ----------------------------------------
    def visit_Module(self, node: cst.Module) -> None:
        self.scopes.append(([], [False]))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scopes.append(([], [False]))

    def _leave_scope(self) -> None:
        sections, users = self.scopes.pop()
        if users[0]:
            for node in sections:
                self._layout(
                    node,
                    '"Authentication and Authorization" is the auth app\'s section, with Users nearby',
                )

    def leave_FunctionDef(self, original_node, updated_node):
        self._leave_scope()
        return updated_node

    def leave_Module(self, original_node, updated_node):
        self._leave_scope()
        return updated_node

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        value = node.evaluated_value
        if not isinstance(value, str) or not self.scopes:
            return
        sections, users = self.scopes[-1]
        if value.strip().lower() == AUTH_SECTION:
            sections.append(node)
        elif _USER.fullmatch(value.strip()):
            users[0] = True


def _is_collection(node: cst.BaseExpression) -> bool:
    return isinstance(node, (cst.List, cst.Tuple, cst.Set, cst.Dict))


class _UserNames(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        value = node.evaluated_value
        self.found |= isinstance(value, str) and _USER.fullmatch(value.strip()) is not None


def _names_users(node: cst.CSTNode) -> bool:
    """Does this value (a string, or a collection at any depth) name the user model?"""
    finder = _UserNames()
    node.visit(finder)
    return finder.found

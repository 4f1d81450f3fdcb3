"""UserCreationForm and UserChangeForm without their own Meta.model are bound to the new model."""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import ScopeProvider

from ...core import scheduled
from ...core.files import PYTHON
from ...core.imports import dotted_name, statement_without, without_alias
from ...core.transform import PythonTransform
from ..transform_facts import AuthForm
from ._common import DropsStatements, code_of

AUTH_FORMS_MODULE = "django.contrib.auth.forms"
# The forms of django.contrib.auth.forms whose Meta.model is auth's User (Django 4.2 to 6.x), in the order the
# new app's forms.py defines them.
FORM_NAMES = ("UserCreationForm", "UserChangeForm", "BaseUserCreationForm", "AdminUserCreationForm")
_QUALIFIED = {"%s.%s" % (AUTH_FORMS_MODULE, name): name for name in FORM_NAMES}
_FORM_WORD = re.compile(r"\b(?:Base|Admin)?User(?:Creation|Change)Form\b")

NAME_TAKEN = (
    "%s is Django's %s, bound to auth's User; the new app's forms.py has one bound to the new User, but both"
    " %s and %s already mean something else here, so it was left as it is; import %s from %s under another name"
    " and use it here"
)


class AuthForms(DropsStatements, PythonTransform):
    TITLE = "UserCreationForm / UserChangeForm bound to the new model"
    RUNS_AFTER = ("admin_registration",)
    ROLES = frozenset({PYTHON})
    LITERALS = ("Form",)  # far faster than the regex, which it has to find in every file
    PATTERN = _FORM_WORD
    LIGHT_SCOPE = True  # qualified names and what binds a form's name

    @classmethod
    def wants(cls, text, options, file):
        # The new app's own forms subclass Django's.
        return file.module != options.forms_module and super().wants(text, options, file)

    def __init__(self, context, options, file):
        super().__init__(context, options, file)
        # the form names whose uses in this file need the new app's forms
        self.switched: set[str] = set()
        # id() of an original `auth_forms.UserCreationForm` -> what replaces it
        self.attributes: dict[int, cst.BaseExpression] = {}
        # imports asked for already: the runner does not merge repeated aliased imports
        self.imports: set[tuple[str, str, str | None]] = set()

    # -- which uses need the new app's forms (on the original tree, before anything changes) --------------
    def visit_Module(self, node: cst.Module) -> bool:
        if self.file.module == self.options.forms_module:
            return False
        uses = _Uses(self)
        node.visit(uses)
        self.switched = {name for _, name, needed in uses.found if needed}
        for name in FORM_NAMES:
            if name in self.switched:
                self.fact(AuthForm(name))
        for use, name, needed in uses.found:
            if needed and isinstance(use, cst.Attribute):
                self._plan_attribute(use, name)
        return True

    def _plan_attribute(self, use: cst.Attribute, name: str) -> None:
        """`auth_forms.UserCreationForm` -> `UserCreationForm` from the new app; if that name is taken here,
        `<app>_forms.UserCreationForm` with `from <app> import forms as <app>_forms`."""
        forms_module = self.options.forms_module
        same_form = {"%s.%s" % (AUTH_FORMS_MODULE, name), "%s.%s" % (forms_module, name)}
        if self._free(use, name, same_form):
            self._import(forms_module, name)
            self.attributes[id(use)] = cst.Name(name)
            return
        alias = "%s_forms" % self.options.app_module.rpartition(".")[2]
        if self._free(use, alias, {forms_module}):
            self._import(self.options.app_module, "forms", alias)
            self.attributes[id(use)] = cst.Attribute(value=cst.Name(alias), attr=cst.Name(name))
            return
        self.note(use, NAME_TAKEN % (code_of(use), name, name, alias, name, forms_module))

    def _import(self, module: str, name: str, asname: str | None = None) -> None:
        if (module, name, asname) not in self.imports:
            self.imports.add((module, name, asname))
            scheduled.add_needed_import(self.context, module, name, asname=asname)

    def _free(self, node: cst.CSTNode, bound: str, allowed: set[str]) -> bool:
        """Is `bound` unbound where node is, or bound only by imports of one of the allowed names?"""
        if self.light is not None:
            binding = self.light.binding(bound)
            return binding is None or binding in allowed
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None:
            return False
        for assignment in scope[bound]:
            if not isinstance(getattr(assignment, "node", None), (cst.Import, cst.ImportFrom)):
                return False
            if not {q.name for q in assignment.get_qualified_names_for(bound)} <= allowed:
                return False
        return True

    # -- rewrites --------------------------------------------------------------------------------------
    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        replacement = self.attributes.get(id(original_node))
        if replacement is None:
            return updated_node
        scheduled.remove_unused_import_by_node(self.context, original_node)
        return replacement

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if not self.switched:
            return updated_node
        line: cst.SimpleStatementLine | None = updated_node
        for small in updated_node.body:
            if not isinstance(small, cst.ImportFrom):
                continue
            smaller = self._without_switched(small)
            if smaller is small:
                continue
            if smaller is None:
                line = statement_without(line, small)
                if (
                    line is None
                ):  # the line held only that import (its comments stay: DropsStatements)
                    return cst.RemovalSentinel.REMOVE
            else:
                line = line.with_changes(body=[smaller if s is small else s for s in line.body])
        return line

    def _without_switched(self, imp: cst.ImportFrom) -> cst.ImportFrom | None:
        """`from django.contrib.auth.forms import ...` without the switched names, which are imported from the
        new app's forms module instead, under the same local names."""
        if (
            imp.relative
            or isinstance(imp.names, cst.ImportStar)
            or dotted_name(imp.module) != AUTH_FORMS_MODULE
        ):
            return imp
        drop = [i for i, alias in enumerate(imp.names) if alias.evaluated_name in self.switched]
        smaller: cst.ImportFrom | None = imp
        for i in reversed(drop):
            alias = imp.names[i]
            name, bound = alias.evaluated_name, alias.evaluated_alias
            asname = bound if bound is not None and bound != name else None
            self._import(self.options.forms_module, name, asname)
            smaller = without_alias(smaller, i) if smaller is not None else None
        return smaller


class _Uses(cst.CSTVisitor):
    """Every use of one of Django's user forms, and whether it needs the new app's (bound) form: all do but the
    base of a class that sets its own model (`class Meta: model = ...`, or `model = ...` in a Meta subclass).
    """

    def __init__(self, transform: AuthForms) -> None:
        super().__init__()
        self.transform = transform
        self.found: list[tuple[cst.BaseExpression, str, bool]] = []
        self.own_model: set[int] = set()  # id() of bases whose class sets its own model

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        meta_model = any(
            isinstance(stmt, cst.ClassDef) and stmt.name.value == "Meta" and _sets_model(stmt.body)
            for stmt in _statements(node.body)
        )
        sets_model = _sets_model(node.body)
        for base in node.bases:
            value = base.value
            if meta_model:  # class MyForm(UserCreationForm): class Meta: model = ...
                self.own_model.add(id(value))
            # class Meta(UserCreationForm.Meta): model = ...
            if sets_model and isinstance(value, cst.Attribute) and value.attr.value == "Meta":
                self.own_model.add(id(value.value))

    def _use(self, node: cst.Name | cst.Attribute) -> bool:
        names = [_QUALIFIED[q] for q in self.transform.qualified_names(node) if q in _QUALIFIED]
        if not names:
            return True
        self.found.append((node, names[0], id(node) not in self.own_model))
        return False

    visit_Name = _use
    visit_Attribute = _use


def _statements(body: cst.BaseSuite) -> list:
    if isinstance(body, cst.SimpleStatementSuite):  # class Meta: model = User
        return [body]
    return list(body.body)


def _sets_model(body: cst.BaseSuite) -> bool:
    for stmt in _statements(body):
        if not isinstance(stmt, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            continue
        for small in stmt.body:
            if isinstance(small, cst.Assign) and any(_is_model(t.target) for t in small.targets):
                return True
            if (
                isinstance(small, cst.AnnAssign)
                and small.value is not None
                and _is_model(small.target)
            ):
                return True
    return False


def _is_model(target: cst.BaseExpression) -> bool:
    return isinstance(target, cst.Name) and target.value == "model"

"""Admin registrations of auth's User move to the new app, with no NotRegistered at start-up."""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import QualifiedNameSource, ScopeProvider

from ...core import scheduled
from ...core.files import PYTHON
from ...core.imports import statement_without
from ...core.light_scope import NeedsScope
from ...core.transform import PythonTransform
from ..transform_facts import UserAdmin
from ._common import DropsStatements, code_of, consume_all, is_auth_user, wants_user

DEFAULT_SITE = frozenset({"django.contrib.admin.site", "django.contrib.admin.sites.site"})
REGISTER_DECORATOR = frozenset(
    {"django.contrib.admin.register", "django.contrib.admin.decorators.register"}
)
NOT_REGISTERED = frozenset(
    {"django.contrib.admin.sites.NotRegistered", "django.contrib.admin.exceptions.NotRegistered"}
)
# Registering Django's own UserAdmin is what the new app does anyway: no fact needed.
DJANGO_USER_ADMIN = ("django.contrib.auth.admin", "UserAdmin")
_REGISTER = re.compile(r"register")

NO_ADMIN_CLASS = (
    "removed User from %s, which gave it no admin class; the new app's admin.py registers the new User with"
    " Django's UserAdmin, not a plain ModelAdmin; check that the user admin still shows what you need"
)
SHARED = (
    "removed User from %s; the new app's admin.py registers %s for the new User, this registration keeps it for"
    " the other models; nothing to do unless that class relies on being registered for several models"
)
NOT_IMPORTABLE = (
    "%s left as it is; the new app's admin.py registers the new User too, so this raises AlreadyRegistered at"
    " start-up, and it cannot import this admin class (%s); make it a module-level class, register it in the new"
    " app's admin.py, and remove this registration"
)
SECOND = (
    "%s registers a second admin class for auth's User on the default site (%s came first); the new app's"
    " admin.py registers only one; merge them into the class it registers"
)


class AdminRegistration(DropsStatements, PythonTransform):
    TITLE = "Admin registrations moved to the new app"
    RUNS_AFTER = ("signals",)
    ROLES = frozenset({PYTHON})
    PATTERN = _REGISTER
    LIGHT_SCOPE = True  # qualified names; where an admin class is importable from, the scope

    @classmethod
    def wants(cls, text, options, file):
        return super().wants(text, options, file) and wants_user(text, options, file)

    def __init__(self, context, options, file):
        super().__init__(context, options, file)
        # id() of the original `admin.site.(un)register(User...)` statements that go
        self.dropped_exprs: set[int] = set()
        self.admins: list[tuple[str, str]] = []  # admin classes reported for auth's User, in order
        self.nesting: list[str] = []
        self.elifs: set[int] = set()  # an `elif` is no statement: it cannot be dropped on its own

    # -- admin.site.register(User, X) / admin.site.unregister(User) statements ---------------------------
    def leave_Expr(self, original_node: cst.Expr, updated_node: cst.Expr) -> cst.Expr:
        call = original_node.value
        method = self._site_method(call) if isinstance(call, cst.Call) else None
        if method not in ("register", "unregister"):
            return updated_node
        at = _arg_index(call, 0, "model_or_iterable")
        users = self._users(call.args[at].value) if at is not None else None
        if users is None:
            return updated_node
        if method == "register" and not self._moved_registration(call, at, users):
            return updated_node
        if users == "all":
            self.dropped_exprs.add(id(original_node))
            self._forget(call.func, *[arg.value for arg in call.args])
            consume_all(self, call)
            return updated_node
        models = call.args[at].value
        self._forget(*[models.elements[i].value for i in users])
        consume_all(self, *[models.elements[i] for i in users])
        new_call = updated_node.value
        args = list(new_call.args)
        args[at] = args[at].with_changes(value=_without_elements(args[at].value, users))
        return updated_node.with_changes(value=new_call.with_changes(args=args))

    def _moved_registration(self, call: cst.Call, at: int, users) -> bool:
        """Report what the new app must register for a register(User...) call; False: it stays as it is."""
        where = "%s(...)" % code_of(call.func)
        admin_at = _arg_index(call, 1, "admin_class")
        if any(arg.star for arg in call.args) or any(
            i not in (at, admin_at) for i in range(len(call.args))
        ):
            self.note(call, NOT_IMPORTABLE % (where, "built from keyword options"))
            return False
        if admin_at is None:
            self.note(call, NO_ADMIN_CLASS % where)
            return True
        admin_class = call.args[admin_at].value
        admin = self._importable(admin_class)
        if admin is None:
            self.note(call, NOT_IMPORTABLE % (where, code_of(admin_class)))
            return False
        self._report(call, where, admin)
        if users != "all":
            self.note(call, SHARED % (where, admin[1]))
        return True

    # -- @admin.register(User) class MyUserAdmin -------------------------------------------------------
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.nesting.append("def")

    def leave_FunctionDef(self, original_node, updated_node):
        self.nesting.pop()
        return updated_node

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.nesting.append("class")

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        at_module_level = len(self.nesting) == 1
        self.nesting.pop()
        decorators: list[cst.Decorator] = []
        carry: list[cst.EmptyLine] = []
        changed = False
        for orig, upd in zip(original_node.decorators, updated_node.decorators):
            if carry:  # the comments above a removed decorator
                upd = upd.with_changes(leading_lines=[*carry, *upd.leading_lines])
                carry = []
            users = self._register_decorator(orig)
            if users is None:
                decorators.append(upd)
                continue
            where = "@%s(...)" % code_of(orig.decorator.func)
            if not at_module_level or not self.file.module:
                what = "%s is not a module-level class" % original_node.name.value
                self.note(orig, NOT_IMPORTABLE % (where, what))
                decorators.append(upd)
                continue
            self._report(orig, where, (self.file.module, original_node.name.value))
            call = orig.decorator
            changed = True
            if users == "all":
                self._forget(*[arg.value for arg in call.args], call.func)
                consume_all(self, call)
                carry = [*carry, *[line for line in upd.leading_lines if line.comment is not None]]
                continue
            self.note(orig, SHARED % (where, original_node.name.value))
            self._forget(*[call.args[i].value for i in users])
            consume_all(self, *[call.args[i] for i in users])
            decorators.append(upd.with_changes(decorator=_without_args(upd.decorator, users)))
        if not changed:
            return updated_node
        if carry:
            updated_node = updated_node.with_changes(
                lines_after_decorators=[*carry, *updated_node.lines_after_decorators]
            )
        return updated_node.with_changes(decorators=decorators)

    def _register_decorator(self, decorator: cst.Decorator):
        """For @admin.register(...) on the default site: "all" when it registers only auth's User, else the
        indexes of its User arguments; None when it registers no User there."""
        call = decorator.decorator
        if (
            not isinstance(call, cst.Call)
            or not self.qualified_names(call.func) & REGISTER_DECORATOR
        ):
            return None
        site = next(
            (
                arg.value
                for arg in call.args
                if arg.keyword is not None and arg.keyword.value == "site"
            ),
            None,
        )
        if site is not None and not self.qualified_names(site) & DEFAULT_SITE:
            return None
        if any(arg.star for arg in call.args):
            return None
        models = [i for i, arg in enumerate(call.args) if arg.keyword is None]
        users = [i for i in models if is_auth_user(self, call.args[i].value)]
        if not users:
            return None
        return "all" if users == models else users

    # -- a try: or if admin.site.is_registered(User): around a removed unregister goes with it --------------
    def leave_Try(self, original_node: cst.Try, updated_node: cst.Try):
        if (
            self._only_dropped(original_node.body)
            and original_node.handlers
            and all(self._catches_not_registered(h) for h in original_node.handlers)
            and original_node.orelse is None
            and original_node.finalbody is None
        ):
            self._forget(*[h.type for h in original_node.handlers])
            consume_all(self, *[h.type for h in original_node.handlers])
            return cst.RemovalSentinel.REMOVE
        return updated_node

    def visit_If(self, node: cst.If) -> None:
        if isinstance(node.orelse, cst.If):
            self.elifs.add(id(node.orelse))

    def leave_If(self, original_node: cst.If, updated_node: cst.If):
        if id(original_node) in self.elifs:
            return updated_node
        test = original_node.test
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            test = test.expression
        if (
            self._only_dropped(original_node.body)
            and original_node.orelse is None
            and isinstance(test, cst.Call)
            and self._site_method(test) == "is_registered"
            and test.args
            and self._users(test.args[0].value) == "all"
        ):
            self._forget(test.func)
            consume_all(self, original_node.test)
            return cst.RemovalSentinel.REMOVE
        return updated_node

    def _only_dropped(self, block: cst.BaseSuite) -> bool:
        if isinstance(block, cst.SimpleStatementSuite):
            return all(id(small) in self.dropped_exprs for small in block.body)
        return all(
            isinstance(stmt, cst.SimpleStatementLine)
            and all(id(small) in self.dropped_exprs for small in stmt.body)
            for stmt in block.body
        )

    def _catches_not_registered(self, handler: cst.ExceptHandler) -> bool:
        types = handler.type.elements if isinstance(handler.type, cst.Tuple) else [handler.type]
        return all(
            t is not None
            and bool(
                self.qualified_names(t.value if isinstance(t, cst.Element) else t) & NOT_REGISTERED
            )
            for t in types
        )

    # -- removing statements ---------------------------------------------------------------------------
    def leave_SimpleStatementLine(self, original_node, updated_node):
        line = self._without_dropped(original_node, updated_node)
        return line if line.body else cst.RemovalSentinel.REMOVE

    def leave_SimpleStatementSuite(self, original_node, updated_node):
        suite = self._without_dropped(original_node, updated_node)
        return suite if suite.body else updated_node.with_changes(body=[cst.Pass()])

    def _without_dropped(self, original, updated):
        line = updated
        for orig, small in zip(original.body, updated.body):
            if id(orig) in self.dropped_exprs:
                line = statement_without(line, small) or line.with_changes(body=[])
        return line

    # -- helpers ---------------------------------------------------------------------------------------
    def _site_method(self, call: cst.Call) -> str | None:
        """register / unregister / is_registered when called on the default admin site."""
        func = call.func
        if isinstance(func, cst.Attribute) and self.qualified_names(func.value) & DEFAULT_SITE:
            return func.attr.value
        return None

    def _users(self, models: cst.BaseExpression):
        """For a models argument: "all" when it is auth's User (or a list of only it), the indexes of User in
        a list of several models, None when it holds no User."""
        if is_auth_user(self, models):
            return "all"
        if not isinstance(models, (cst.List, cst.Tuple, cst.Set)) or not models.elements:
            return None
        users = [i for i, el in enumerate(models.elements) if is_auth_user(self, el.value)]
        if not users:
            return None
        return "all" if len(users) == len(models.elements) else users

    def _importable(self, node: cst.BaseExpression) -> tuple[str, str] | None:
        """(module, name) the new app's admin.py can import the admin class from."""
        if self.light is not None:
            raise NeedsScope(
                "the admin class"
            )  # a class of this module, or an import: the scope knows
        scope = self.get_metadata(ScopeProvider, node, None)
        found = scope.get_qualified_names_for(node) if scope is not None else set()
        if not found and scope is not None and isinstance(node, cst.Name):
            # a class defined further down the module: by name, the scope knows it
            found = scope.get_qualified_names_for(node.value)
        if len(found) != 1:
            return None
        qualified = next(iter(found))
        if (
            qualified.source is QualifiedNameSource.LOCAL
        ):  # "f.<locals>.X" or "C.X" cannot be imported
            local = self.file.module is not None and qualified.name.isidentifier()
            return (self.file.module, qualified.name) if local else None
        if qualified.source is QualifiedNameSource.IMPORT:
            module, _, name = self.file.absolute(qualified.name).rpartition(".")
            return (module, name) if module else None
        return None

    def _report(self, node: cst.CSTNode, where: str, admin: tuple[str, str]) -> None:
        if admin == DJANGO_USER_ADMIN or admin in self.admins:
            return
        if self.admins:
            self.note(node, SECOND % (where, "%s.%s" % self.admins[0]))
        self.admins.append(admin)
        self.fact(UserAdmin(*admin))

    def _forget(self, *nodes: cst.CSTNode | None) -> None:
        """Imports only the removed code used go too. auth's User imported by name is left to user_class, which
        knows whether the module re-exports it."""
        for node in nodes:
            if node is None:
                continue
            if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
                self._forget(*[el.value for el in node.elements])
            elif not (isinstance(node, cst.Name) and is_auth_user(self, node)):
                scheduled.remove_unused_import_by_node(self.context, node)


def _arg_index(call: cst.Call, position: int, keyword: str) -> int | None:
    """The index in call.args of the argument at a position (before any star) or given by keyword."""
    seen = 0
    for i, arg in enumerate(call.args):
        if arg.keyword is not None:
            if arg.keyword.value == keyword:
                return i
        elif arg.star:
            return None
        else:
            if seen == position:
                return i
            seen += 1
    return None


def _without_elements(node, indexes: list[int]):
    """A list/tuple/set literal without the elements at indexes (the last one's comma moves, as in an import)."""
    elements = list(node.elements)
    for i in sorted(indexes, reverse=True):
        removed = elements.pop(i)
        if i == len(elements) and elements:
            elements[-1] = elements[-1].with_changes(comma=removed.comma)
    if (
        isinstance(node, cst.Tuple)
        and len(elements) == 1
        and isinstance(elements[0].comma, cst.MaybeSentinel)
    ):
        elements[0] = elements[0].with_changes(comma=cst.Comma())  # (Group,) stays a tuple
    return node.with_changes(elements=elements)


def _without_args(call: cst.Call, indexes: list[int]) -> cst.Call:
    args = list(call.args)
    for i in sorted(indexes, reverse=True):
        removed = args.pop(i)
        if i == len(args) and args:
            args[-1] = args[-1].with_changes(comma=removed.comma)
    return call.with_changes(args=args)

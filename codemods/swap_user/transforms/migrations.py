"""Historical migrations load the user model through settings.AUTH_USER_MODEL with a swappable dependency."""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import ScopeProvider

from ...core import scheduled
from ...core.files import MIGRATION
from ...core.imports import dotted_name
from ...core.transform import PythonTransform
from ._common import (
    AUTH_WORD,
    callee_name,
    is_auth_user,
    is_user_model_string,
    module_assignment,
    settings_is_django,
    string_value,
    user_get_model_args,
    user_model_setting,
    with_model_argument,
)
from .model_fields import RELATION_FIELD

_PATTERN = re.compile(
    r"""["']auth\.user["']"""  # to="auth.User", bases=("auth.user",), get_model("auth.User")
    r"""|["']auth["']\s*,\s*(?:model_name\s*=\s*)?["']user["']"""  # get_model("auth", "User"), natural keys
    r"""|app_label\s*=\s*["']auth["']"""  # get_model(app_label="auth", ...), content type look-ups
    r"""|contrib\.auth\.models|contrib\.auth\s+import\b[^\n]*\bmodels\b""",  # auth's User class
    re.I,
)
_MIGRATIONS = "django.db.migrations"

SETTINGS_TAKEN = (
    "auth's User named here; after the swap the user model is %s, but `settings` here is not "
    "django.conf.settings, so it was left as it is; use django.conf.settings.AUTH_USER_MODEL and "
    "migrations.swappable_dependency(...) by hand"
)
CONTENT_TYPE = (
    "content type looked up as ('auth', 'user'); after the swap the user content type is ('%s', 'user'); "
    'take app label and model from settings.AUTH_USER_MODEL.lower().split(".") and add '
    "migrations.swappable_dependency(settings.AUTH_USER_MODEL) to dependencies"
)
NO_DEPENDENCY = (
    "this migration now loads the user model, which after the swap %s's first migration creates, but %s; "
    "add migrations.swappable_dependency(settings.AUTH_USER_MODEL) to its dependencies by hand"
)


class Migrations(PythonTransform):
    TITLE = "Historical migrations (get_model, bases, swappable dependency)"
    RUNS_AFTER = ("admin_layout",)
    ROLES = frozenset({MIGRATION})
    PATTERN = _PATTERN
    FOLDED_LITERALS = ("auth",)
    METADATA_DEPENDENCIES = (ScopeProvider,)
    # qualified names, what binds `settings` and `migrations`, whether User is read
    LIGHT_SCOPE = True

    @classmethod
    def keep_pattern(cls, options, file, tree):
        # What it reads: "auth.User" strings and auth's "auth"/"user" pairs, User classes and attributes, the
        # swappable dependency on AUTH_USER_MODEL, a dependency on the new app, the Migration class. An
        # operation that says none of them (most of a squashed migration's) is left out of LibCST's parse.
        return re.compile(
            r"%s|(?i:user|%s)|\bclass\s+Migration\b" % (AUTH_WORD, re.escape(options.label))
        )

    def __init__(self, context, options, file):
        super().__init__(context, options, file)
        self.rewritten = False  # the file now names settings.AUTH_USER_MODEL
        # auth's User class is read here: user_class makes it get_user_model()
        self.uses_user_class = False
        self.migration: cst.ClassDef | None = None  # the original Migration class
        self.migration_index = -1
        self.migrations_name: str | None = None  # the name bound to django.db.migrations
        self.why_not = ""  # why the dependency cannot be added

    # -- the Migration class, planned on the original tree ---------------------------------------
    def visit_Module(self, node: cst.Module) -> None:
        for i, stmt in enumerate(node.body):
            # The loader reads `Migration` from the module: a contract, not a guess from the name.
            if isinstance(stmt, cst.ClassDef) and stmt.name.value == "Migration":
                self.migration, self.migration_index = stmt, i
        if self.migration is None:
            self.why_not = (
                "this file has no Migration class (the migrations that run this code need it)"
            )
            return
        self.migrations_name = self._migrations_name(self.migration)
        if self.migrations_name is None:
            self.why_not = "`migrations` here is not django.db.migrations"
        elif not settings_is_django(self, self.migration):
            self.why_not = "`settings` here is not django.conf.settings"

    def _migrations_name(self, cls: cst.ClassDef) -> str | None:
        for base in cls.bases:
            value = base.value
            if isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name):
                if _MIGRATIONS in self.qualified_names(value.value):
                    return value.value.value
        if self.light is not None:
            return "migrations" if self.light.binding("migrations") in (None, _MIGRATIONS) else None
        scope = self.get_metadata(ScopeProvider, cls, None)
        if scope is None:
            return None
        bound = scope["migrations"]
        if all(
            {q.name for q in a.get_qualified_names_for("migrations")} == {_MIGRATIONS}
            for a in bound
        ):
            return "migrations"  # bound to it, or free for the import added with the dependency
        return None

    # -- auth's User class: user_class rewrites it to get_user_model(); the dependency is added here ----------
    # A migration that used auth's real User class (not the historical model) keeps using the real user
    # model: get_user_model() answers once migrations load, and the objects it makes still fit the real
    # Group and Permission classes such code usually uses beside it. apps.get_model() would not.
    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if isinstance(node.names, cst.ImportStar):
            return False
        module = self.file.absolute(
            "." * len(node.relative) + (dotted_name(node.module) if node.module else "")
        )
        if self.light is not None:
            for alias in node.names:
                if "%s.%s" % (module, alias.evaluated_name) in self.options.user_names:
                    name = alias.evaluated_alias or alias.evaluated_name
                    self.light.binding(
                        name
                    )  # imported inside a function or bound otherwise: the scope decides
                    self.uses_user_class |= self.light.reads(name) > 0
            return False
        scope = self.get_metadata(ScopeProvider, node, None)
        for alias in node.names:
            if (
                "%s.%s" % (module, alias.evaluated_name) in self.options.user_names
                and scope is not None
            ):
                name = alias.evaluated_alias or alias.evaluated_name
                self.uses_user_class |= any(
                    a.node is node and a.references for a in scope.assignments[name]
                )
        return False

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value == "User" and is_auth_user(self, node):
            self.uses_user_class = True

    def _note_content_type(self, call: cst.Call) -> None:
        positional = [string_value(a.value) if a.keyword is None else None for a in call.args]
        pairs = zip(positional, positional[1:])
        keywords = {
            a.keyword.value: string_value(a.value) for a in call.args if a.keyword is not None
        }
        by_keyword = any(
            key.endswith("app_label")
            and value == "auth"
            and (keywords.get(key[: -len("app_label")] + "model") or "").lower() == "user"
            for key, value in keywords.items()
        )
        if by_keyword or any(a == "auth" and (b or "").lower() == "user" for a, b in pairs):
            self.note(call, CONTENT_TYPE % self.options.label)

    # -- rewrites ---------------------------------------------------------------------------------
    def _setting(self, node: cst.CSTNode) -> cst.BaseExpression | None:
        if not settings_is_django(self, node):
            self.note(node, SETTINGS_TAKEN % self.options.user_model_label)
            return None
        self.rewritten = True
        return user_model_setting(self)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        indexes = user_get_model_args(original_node)
        if indexes:
            value = self._setting(original_node)
            return (
                updated_node if value is None else with_model_argument(updated_node, indexes, value)
            )
        name = callee_name(original_node)
        if name is None:
            return updated_node
        if RELATION_FIELD.search(name):
            return self._relation(original_node, updated_node)
        if name == "CreateModel":
            return self._bases(original_node, updated_node)
        self._note_content_type(original_node)
        return updated_node

    def _relation(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        args = list(updated.args)
        for i, (orig, arg) in enumerate(zip(original.args, args)):
            is_target = (orig.keyword is None and orig.star == "" and i == 0) or (
                orig.keyword is not None and orig.keyword.value == "to"
            )
            if is_target and is_user_model_string(orig.value):
                value = self._setting(orig.value)
                if value is not None:
                    args[i] = arg.with_changes(value=value)
                return updated.with_changes(args=args)
        return updated

    def _bases(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        args = list(updated.args)
        for i, (orig, arg) in enumerate(zip(original.args, args)):
            if orig.keyword is None or orig.keyword.value != "bases":
                continue
            if not isinstance(orig.value, (cst.Tuple, cst.List)):
                return updated
            elements = list(arg.value.elements)
            for j, element in enumerate(orig.value.elements):
                if is_user_model_string(element.value):
                    value = self._setting(element.value)
                    if value is not None:
                        elements[j] = elements[j].with_changes(value=value)
            args[i] = arg.with_changes(value=arg.value.with_changes(elements=elements))
        return updated.with_changes(args=args)

    # -- the dependency -------------------------------------------------------------------------
    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if not (self.rewritten or self.uses_user_class):
            return updated_node
        if self.why_not:
            self.note(
                self.migration or original_node, NO_DEPENDENCY % (self.options.label, self.why_not)
            )
            return updated_node
        cls = updated_node.body[self.migration_index]
        new_cls = self._with_dependency(cls)
        if new_cls is None:
            why = "its dependencies are not a list or tuple written out in the class"
            self.note(self.migration, NO_DEPENDENCY % (self.options.label, why))
            return updated_node
        if new_cls is cls:
            return updated_node
        scheduled.add_needed_import(self.context, "django.conf", "settings")
        if self.migrations_name == "migrations":
            scheduled.add_needed_import(self.context, "django.db", "migrations")
        body = list(updated_node.body)
        body[self.migration_index] = new_cls
        return updated_node.with_changes(body=body)

    def _dependency(self) -> cst.BaseExpression:
        return self.parse_expression(
            "%s.swappable_dependency(settings.AUTH_USER_MODEL)" % self.migrations_name
        )

    def _with_dependency(self, cls: cst.ClassDef) -> cst.ClassDef | None:
        """The class with the swappable dependency; cls itself when it has one; None when it cannot be added."""
        if not isinstance(cls.body, cst.IndentedBlock):
            return None
        body = list(cls.body.body)
        for i, stmt in enumerate(body):
            assign = _dependencies_assignment(stmt)
            if assign is None:
                continue
            value = assign.value
            if not isinstance(value, (cst.List, cst.Tuple)) or (
                isinstance(value, cst.Tuple) and not value.lpar
            ):
                return None
            if any(self._is_user_dependency(el.value) for el in value.elements):
                return cls
            new_value = _appended(value, self._dependency(), self._indent())
            body[i] = stmt.with_changes(
                body=[s.with_changes(value=new_value) if s is assign else s for s in stmt.body]
            )
            return cls.with_changes(body=cls.body.with_changes(body=body))
        return cls.with_changes(body=cls.body.with_changes(body=self._with_new_list(body)))

    def _with_new_list(self, body: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
        """`dependencies = [...]` created before `operations`, as makemigrations lays it out."""
        source = "dependencies = [\n%s%s.swappable_dependency(settings.AUTH_USER_MODEL),\n]\n" % (
            self._indent(),
            self.migrations_name,
        )
        new = self.parse_statement(source)
        at = next(
            (i for i, s in enumerate(body) if module_assignment(s, "operations") is not None),
            len(body),
        )
        if at < len(body):
            new = new.with_changes(leading_lines=body[at].leading_lines)
            body[at] = body[at].with_changes(leading_lines=[cst.EmptyLine(indent=False)])
        else:
            new = new.with_changes(leading_lines=[cst.EmptyLine(indent=False)])
        return [*body[:at], new, *body[at:]]

    def _indent(self) -> str:
        module = self.context.wrapper.module if self.context.wrapper is not None else None
        return module.default_indent if module is not None else "    "

    def _is_user_dependency(self, node: cst.BaseExpression) -> bool:
        """swappable_dependency(settings.AUTH_USER_MODEL), or a dependency on the new app itself."""
        if isinstance(node, cst.Call) and callee_name(node) == "swappable_dependency":
            return any(
                isinstance(a.value, cst.Attribute) and a.value.attr.value == "AUTH_USER_MODEL"
                for a in node.args
            )
        if isinstance(node, (cst.Tuple, cst.List)) and node.elements:
            return string_value(node.elements[0].value) == self.options.label
        return False


def _appended(
    value: cst.List | cst.Tuple, item: cst.BaseExpression, indent: str
) -> cst.List | cst.Tuple:
    """The list or tuple with item last, laid out like the items it already has."""
    is_list = isinstance(value, cst.List)
    opening = value.lbracket if is_list else value.lpar[0]
    closing = value.rbracket if is_list else value.rpar[-1]
    elements = list(value.elements)
    if not elements:
        if isinstance(opening.whitespace_after, cst.ParenthesizedWhitespace):  # `[\n    ]`
            inside = _bare(opening.whitespace_after)
            opening = opening.with_changes(
                whitespace_after=inside.with_changes(
                    last_line=cst.SimpleWhitespace(inside.last_line.value + indent)
                )
            )
            new = cst.Element(
                item, comma=cst.Comma(whitespace_after=cst.ParenthesizedWhitespace(indent=True))
            )
            return _with_brackets(value, opening, closing, [new])
        comma = cst.MaybeSentinel.DEFAULT if is_list else cst.Comma()
        return value.with_changes(elements=[cst.Element(item, comma=comma)])
    if len(elements) > 1 and isinstance(elements[-2].comma, cst.Comma):
        separator = _bare(elements[-2].comma.whitespace_after)
    elif isinstance(opening.whitespace_after, cst.ParenthesizedWhitespace):
        separator = _bare(opening.whitespace_after)
    else:
        separator = cst.SimpleWhitespace(" ")
    last = elements[-1]
    comma = last.comma if isinstance(last.comma, cst.Comma) else cst.Comma()
    before_closing = closing.whitespace_before
    if isinstance(separator, cst.ParenthesizedWhitespace) and isinstance(
        before_closing, cst.ParenthesizedWhitespace
    ):
        # The comment after the last item and the lines before the closing bracket stay with that item.
        after_last = before_closing.with_changes(
            indent=separator.indent, last_line=separator.last_line
        )
        closing = closing.with_changes(whitespace_before=_bare(before_closing))
    else:
        after_last = separator
    elements[-1] = last.with_changes(comma=comma.with_changes(whitespace_after=after_last))
    elements.append(cst.Element(item, comma=last.comma))  # a trailing comma stays trailing
    return _with_brackets(value, opening, closing, elements)


def _with_brackets(value, opening, closing, elements):
    if isinstance(value, cst.List):
        return value.with_changes(lbracket=opening, rbracket=closing, elements=elements)
    return value.with_changes(
        lpar=[opening, *value.lpar[1:]], rpar=[*value.rpar[:-1], closing], elements=elements
    )


def _bare(whitespace: cst.BaseParenthesizableWhitespace) -> cst.BaseParenthesizableWhitespace:
    """The whitespace without its comment and empty lines: the layout alone."""
    if isinstance(whitespace, cst.ParenthesizedWhitespace):
        return whitespace.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
    return whitespace


def _dependencies_assignment(stmt: cst.CSTNode):
    return module_assignment(stmt, "dependencies")

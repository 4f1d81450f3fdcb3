"""Other "auth.User" strings and get_model("auth", "User") calls name settings.AUTH_USER_MODEL; in template tags, the new label."""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import ScopeProvider

from ...core.files import PYTHON, SETTINGS, TEMPLATE
from ...core.imports import dotted_name as dotted
from ...core.transform import PythonTransform, TextTransform
from ._common import (
    AUTH_WORD,
    MODEL_STRING,
    TEMPLATE_TAG,
    callee_name,
    settings_is_django,
    string_constants,
    string_value,
    user_get_model_args,
    user_model_setting,
    with_model_argument,
)

# Whole "auth.User" strings, and the "auth" of get_model("auth", "User") / app_label="auth".
_PATTERN = re.compile(r"""["']\s*auth(?:\.user)?\s*["']""", re.I)
# Operators that compare a model label: a lowercase literal there is a label_lower.
_EQUALITY = (cst.Equal, cst.NotEqual, cst.Is, cst.IsNot)
_MEMBERSHIP = (cst.In, cst.NotIn)

SETTINGS_TAKEN = (
    "%s names auth's User, swapped out for %s; `settings` here is not django.conf.settings, so it was left as "
    "it is; write django.conf.settings.AUTH_USER_MODEL here"
)
COMPARED_WITH_SETTING = (
    "%s compared with AUTH_USER_MODEL; after the swap AUTH_USER_MODEL is %s, so this check changes meaning; "
    "decide whether it means the user model or Django's default one and edit it by hand"
)
LOWER_PATTERN = (
    "%s as a match pattern names auth's User, swapped out for %s, and a pattern cannot call .lower(); "
    "match it in a guard: `case x if x == settings.AUTH_USER_MODEL.lower()`"
)


class ModelStrings(PythonTransform):
    TITLE = '"auth.User" strings and get_model() calls; labels in template tags'
    RUNS_AFTER = ("content_types",)
    ROLES = frozenset({PYTHON, SETTINGS})
    STATEMENT_LOCAL = True
    PATTERN = _PATTERN
    FOLDED_LITERALS = ("auth",)
    METADATA_DEPENDENCIES = (ScopeProvider,)
    LIGHT_SCOPE = True  # qualified names and what binds `settings`

    @classmethod
    def keep_pattern(cls, options, file, tree):
        # What it reads: "auth.User" strings and get_model("auth", ...).
        return re.compile(AUTH_WORD)

    def __init__(self, context, options, file):
        super().__init__(context, options, file)
        self.compared: set[int] = set()  # ids of strings compared with == / != / in
        self.against_setting: set[int] = set()  # ... compared with AUTH_USER_MODEL itself
        self.patterns: set[int] = set()  # ... used as match patterns
        self.literal: set[int] = set()  # ... that are the value of AUTH_USER_MODEL itself
        self.parts: set[int] = set()  # ... that are parts of an implicit concatenation
        self.case_free: set[int] = (
            set()
        )  # ... read where case does not matter: get_model("auth.user")
        # the module imports nothing from Django (looked at when needed)
        self._django_free: bool | None = None

    @classmethod
    def wants_tree(cls, tree, options, file):
        # It rewrites or notes "auth.User" literals and get_model("auth", "User"): a file without the one or
        # the "auth" of the other, as written, has nothing for it (the text's pattern also matches "Auth").
        return any(
            MODEL_STRING.match(value.strip()) or value == "auth" for value in string_constants(tree)
        )

    # -- where a string stands, decided on the original tree -------------------------------------
    def visit_Expr(self, node: cst.Expr) -> bool:
        return not isinstance(node.value, (cst.SimpleString, cst.ConcatenatedString))  # docstrings

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        # "auth." "User" is not worth guessing at, and a part cannot become an expression; the
        # expressions inside its f-string parts are visited as any other.
        for part in (node.left, node.right):
            if isinstance(part, cst.SimpleString):
                self.parts.add(id(part))

    def visit_Annotation(self, node: cst.Annotation) -> bool:
        return False  # a type, not a label: settings.AUTH_USER_MODEL would be no better there

    def visit_Comparison(self, node: cst.Comparison) -> None:
        operands = [node.left, *(target.comparator for target in node.comparisons)]
        for i, target in enumerate(node.comparisons):
            left, right = operands[i], operands[i + 1]
            if isinstance(target.operator, _EQUALITY):
                sides = [left, right]
            elif isinstance(target.operator, _MEMBERSHIP):
                sides = [left, right, *_elements(right)]
            else:
                continue
            setting = any(_is_setting(side) for side in (left, right))
            for side in sides:
                self.compared.add(id(side))
                if setting:
                    self.against_setting.add(id(side))

    def visit_MatchValue(self, node: cst.MatchValue) -> None:
        self.patterns.add(id(node.value))

    def visit_Call(self, node: cst.Call) -> None:
        if callee_name(node) == "get_model":
            self.case_free.update(id(arg.value) for arg in node.args)

    def visit_Assign(self, node: cst.Assign) -> None:
        if any(_is_setting(target.target) for target in node.targets):
            self.literal.add(id(node.value))

    def visit_Arg(self, node: cst.Arg) -> None:
        # override_settings(AUTH_USER_MODEL=...), settings.configure(AUTH_USER_MODEL=...)
        if node.keyword is not None and node.keyword.value == "AUTH_USER_MODEL":
            self.literal.add(id(node.value))

    # -- rewrites ---------------------------------------------------------------------------------
    def leave_SimpleString(self, original_node: cst.SimpleString, updated_node: cst.SimpleString):
        value = string_value(original_node)
        key = id(original_node)
        if value is None or key in self.parts or not MODEL_STRING.match(value.strip()):
            return updated_node
        if key in self.against_setting:
            self.note(
                original_node,
                COMPARED_WITH_SETTING % (original_node.value, self.options.user_model_label),
            )
            return updated_node
        if self.file.role == SETTINGS or key in self.literal or self._imports_no_django():
            # The label itself, in the literal's own prefix and quotes; the model keeps its case.
            model = value.strip().partition(".")[2]
            text = original_node.prefix + _label(original_node.quote, self.options.label, model)
            return updated_node.with_changes(value=text)
        if not settings_is_django(self, original_node):
            self.note(
                original_node, SETTINGS_TAKEN % (original_node.value, self.options.user_model_label)
            )
            return updated_node
        # A lowercase label is a label_lower (dumpdata's "model", a dict of them): it stays lowercase.
        lower = value.strip() == value.strip().lower() and key not in self.case_free
        if lower and key in self.patterns:
            self.note(
                original_node, LOWER_PATTERN % (original_node.value, self.options.user_model_label)
            )
            return updated_node
        setting = user_model_setting(self)
        if lower:
            setting = cst.Call(func=cst.Attribute(value=setting, attr=cst.Name("lower")))
        return setting

    def _imports_no_django(self) -> bool:
        """A script that never imports Django cannot read settings: it gets the new label itself. Looked at once,
        and only in a file that holds a label to rewrite (most files this transform reads hold none).
        """
        if self._django_free is None and self.light is not None:
            self._django_free = not any(_is_django(module) for module in self.light.modules)
        elif self._django_free is None:
            finder = _DjangoImport()
            self.context.wrapper.module.visit(finder)
            self._django_free = not finder.found
        return self._django_free

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        indexes = user_get_model_args(original_node)
        if len(indexes) < 2:
            return updated_node  # get_model("auth.User") is a whole string, rewritten above
        if not settings_is_django(self, original_node):
            self.note(
                original_node,
                SETTINGS_TAKEN % ('get_model("auth", "User")', self.options.user_model_label),
            )
            return updated_node
        return with_model_argument(updated_node, indexes, user_model_setting(self))


def _label(quote: str, label: str, model: str) -> str:
    """The new label in the literal's own quotes; the model keeps its case ("auth.user" is a label_lower)."""
    return "%s%s.%s%s" % (quote, label, model, quote)


def _elements(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        return [el.value for el in node.elements]
    return []


def _is_setting(node: cst.CSTNode) -> bool:
    """AUTH_USER_MODEL itself (settings.AUTH_USER_MODEL, a settings module's own name): a Django setting's
    name, not a class, so matching the name is exact."""
    if isinstance(node, cst.Attribute):
        return node.attr.value == "AUTH_USER_MODEL"
    return isinstance(node, cst.Name) and node.value == "AUTH_USER_MODEL"


class _DjangoImport(cst.CSTVisitor):
    """Finds an import of django or of a module under it, anywhere in a module."""

    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def visit_Import(self, node: cst.Import) -> bool:
        self.found |= any(_is_django(dotted(alias.name)) for alias in node.names)
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        self.found |= (
            not node.relative and node.module is not None and _is_django(dotted(node.module))
        )
        return False


def _is_django(module: str) -> bool:
    return module == "django" or module.startswith("django.")


# A model label is only rewritten inside a template tag, never in the text around them.
_MODEL_LABEL = re.compile(r"""(["'])auth\.(user)\1""", re.I)


class ModelStringTemplates(TextTransform):
    """ "auth.User" labels in a template's tags ({{ ... }}, {% ... %}), as the new app's label."""

    ROLES = frozenset({TEMPLATE})
    PATTERN = re.compile(r"""["']auth\.user["']""", re.I)
    FOLDED_LITERALS = ("auth",)
    RUNS_AFTER = ("admin_urls",)  # whose notes are placed in the template as it was written

    def transform(self, text: str) -> str:
        label = self.options.label
        return TEMPLATE_TAG.sub(
            lambda tag: _MODEL_LABEL.sub(
                lambda m: _label(m.group(1), label, m.group(2)), tag.group(0)
            ),
            text,
        )

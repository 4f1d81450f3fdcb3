"""ContentType look-ups of auth's User by natural key become get_for_model(get_user_model()); permissions follow."""

from __future__ import annotations

import re

import libcst as cst

from ...core.files import PYTHON
from ...core.transform import PythonTransform
from ._common import AUTH_WORD, get_user_model_call, string_value, user_words

CONTENT_TYPE = "django.contrib.contenttypes.models.ContentType"
PERMISSION = "django.contrib.auth.models.Permission"
MANAGERS = frozenset({"objects", "_default_manager", "_base_manager"})
USER_CODENAMES = frozenset({"add_user", "change_user", "delete_user", "view_user"})
# Every look-up this transform reads names the "auth" app label in a literal.
_AUTH_LITERAL = re.compile(r"""['"]auth['"]""")

CONTENT_TYPE_LOOKUP = (
    '%s looks up the content type ("auth", "user"); after the swap the user\'s content type is ("%s", "user"),'
    " so this finds nothing; use ContentType.objects.get_for_model(get_user_model())"
)
AUTH_PERMISSIONS = (
    '%s looks up permissions by content_type__app_label="auth"; after the swap the user permissions'
    ' (add/change/delete/view_user) are under "%s", so it no longer finds them; if it means them, look them up'
    ' with content_type__app_label="%s" (or the content type of get_user_model())'
)


class ContentTypes(PythonTransform):
    TITLE = "ContentType / Permission look-ups by app label"
    RUNS_AFTER = ("auth_forms",)
    ROLES = frozenset({PYTHON})
    STATEMENT_LOCAL = True
    LITERALS = ("auth",)
    PATTERN = _AUTH_LITERAL
    LIGHT_SCOPE = True  # it only asks qualified names

    @classmethod
    def keep_pattern(cls, options, file, tree):
        # What it reads: look-ups of auth's content types and permissions.
        return re.compile(AUTH_WORD + "|" + user_words(options, file, tree))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if isinstance(func, cst.Attribute):
            root, manager = self._manager_of(func.value)
            if root == CONTENT_TYPE:
                return self._content_type(original_node, updated_node, manager)
            if root == PERMISSION:
                updated_node = self._permission(original_node, updated_node)
        return self._related_content_type(original_node, updated_node)

    # -- ContentType.objects.get_by_natural_key("auth", "user") / .get(app_label="auth", model="user") ------
    def _content_type(
        self, original: cst.Call, updated: cst.Call, manager: bool
    ) -> cst.BaseExpression:
        method = original.func.attr.value
        if method == "get_by_natural_key":
            args = _arguments(original, ("app_label", "model"))
        else:
            args = {a.keyword.value: a.value for a in original.args if a.keyword is not None}
        if not (_is_auth(args.get("app_label")) and _is_user(args.get("model"))):
            return updated
        exact = (
            len(original.args) == 2
            and method in ("get_by_natural_key", "get")
            and set(args) == {"app_label", "model"}
        )
        if not exact or not manager:
            self.note(original, CONTENT_TYPE_LOOKUP % (_call_name(original), self.options.label))
            return updated
        first, last = updated.args[0], updated.args[-1]
        arg = first.with_changes(
            value=get_user_model_call(self),
            keyword=None,
            equal=cst.MaybeSentinel.DEFAULT,
            comma=last.comma,
        )
        func = updated.func.with_changes(attr=cst.Name("get_for_model"))
        return updated.with_changes(func=func, args=[arg])

    # -- Permission.objects.get(content_type__app_label="auth", codename="change_user") ---------------------
    def _permission(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        method = original.func.attr.value
        if method == "get_by_natural_key":  # (codename, app_label, model)
            slots = _argument_indexes(original, ("codename", "app_label", "model"))
            at = slots.get("app_label")
            if at is not None and _is_auth(original.args[at].value) and "model" in slots:
                if _is_user(original.args[slots["model"]].value):
                    return self._relabelled(updated, at)
            return updated
        keywords = {
            a.keyword.value: i for i, a in enumerate(original.args) if a.keyword is not None
        }
        at = keywords.get("content_type__app_label")
        if at is None or not _is_auth(original.args[at].value) or "content_type__model" in keywords:
            return updated  # with content_type__model, _related_content_type decides
        user = self._names_user_permissions(original, keywords)
        if user is True:
            return self._relabelled(updated, at)
        if user is None:
            label = self.options.label
            self.note(original, AUTH_PERMISSIONS % (_call_name(original), label, label))
        return updated

    def _names_user_permissions(self, call: cst.Call, keywords: dict[str, int]) -> bool | None:
        """True: only user permissions; False: none of them; None: cannot tell, or both."""
        if "codename" in keywords:
            codename = string_value(call.args[keywords["codename"]].value)
            return None if codename is None else codename in USER_CODENAMES
        if "codename__in" in keywords:
            values = call.args[keywords["codename__in"]].value
            if isinstance(values, (cst.List, cst.Tuple, cst.Set)) and values.elements:
                codenames = [string_value(el.value) for el in values.elements]
                if None not in codenames:
                    user = {c in USER_CODENAMES for c in codenames}
                    return user.pop() if len(user) == 1 else None
        return None

    # -- any query: <prefix>__app_label="auth", <prefix>__model="user" ---------------------------------------
    def _related_content_type(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        keywords = {
            a.keyword.value: i for i, a in enumerate(original.args) if a.keyword is not None
        }
        for name, at in keywords.items():
            if not name.endswith("__app_label") or not _is_auth(original.args[at].value):
                continue
            model = keywords.get(name[: -len("app_label")] + "model")
            if model is not None and _is_user(original.args[model].value):
                updated = self._relabelled(updated, at)
        return updated

    # -- helpers ---------------------------------------------------------------------------------------
    def _manager_of(self, node: cst.BaseExpression) -> tuple[str | None, bool]:
        """(ContentType or Permission, whether node is a manager) for `Model.objects`, `Model._default_manager`
        and what is chained on them: `.db_manager(...)` keeps a manager, anything else makes a queryset.
        """
        manager = True
        while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            manager = manager and node.func.attr.value == "db_manager"
            node = node.func.value
        if not isinstance(node, cst.Attribute) or node.attr.value not in MANAGERS:
            return None, False
        names = self.qualified_names(node.value) & {CONTENT_TYPE, PERMISSION}
        return (names.pop(), manager) if len(names) == 1 else (None, False)

    def _relabelled(self, call: cst.Call, at: int) -> cst.Call:
        """The call with its "auth" argument at index at replaced by the new app's label, quotes kept."""
        old = call.args[at].value
        quote = old.quote if isinstance(old, cst.SimpleString) else '"'
        prefix = old.prefix if isinstance(old, cst.SimpleString) else ""
        new = cst.SimpleString("%s%s%s%s" % (prefix, quote, self.options.label, quote))
        args = list(call.args)
        args[at] = args[at].with_changes(value=new)
        return call.with_changes(args=args)


def _argument_indexes(call: cst.Call, slots: tuple[str, ...]) -> dict[str, int]:
    """Which argument of call fills each slot of a signature, by position or keyword; {} with a star argument."""
    if any(arg.star for arg in call.args):
        return {}
    found: dict[str, int] = {}
    positional = [i for i, arg in enumerate(call.args) if arg.keyword is None]
    for slot, i in zip(slots, positional):
        found[slot] = i
    for i, arg in enumerate(call.args):
        if arg.keyword is not None and arg.keyword.value in slots:
            found[arg.keyword.value] = i
    return found


def _arguments(call: cst.Call, slots: tuple[str, ...]) -> dict[str, cst.BaseExpression]:
    return {slot: call.args[i].value for slot, i in _argument_indexes(call, slots).items()}


def _is_auth(node: cst.BaseExpression | None) -> bool:
    return node is not None and string_value(node) == "auth"


def _is_user(node: cst.BaseExpression | None) -> bool:
    value = string_value(node) if node is not None else None
    return value is not None and value.lower() == "user"


def _call_name(call: cst.Call) -> str:
    return "%s(...)" % cst.Module(body=[]).code_for_node(call.func)

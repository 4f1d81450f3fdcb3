"""Lookups of moved fields: on the profile they follow its link (`user__bio`), through it they drop it (`bio`)."""

from __future__ import annotations

import libcst as cst

from ...core.files import PYTHON
from ...core.transform import PythonTransform
from ._common import (
    LOOKUP_METHODS,
    MANAGERS,
    add_import,
    elsewhere_message,
    is_profile,
    method_name,
    queryset_root,
    with_string,
    without_accessor,
)


class ProfileQueries(PythonTransform):
    TITLE = "Lookups of moved fields follow the link or drop it"
    RUNS_AFTER = ("profile_get",)
    ROLES = frozenset({PYTHON})
    LIGHT_SCOPE = True

    @classmethod
    def wants(cls, text, options, file):
        return super().wants(text, options, file) and (
            options.profile_class in text or ("%s__" % options.accessor) in text
        )

    def __init__(self, context, options, file):
        super().__init__(context, options, file)
        self.querysets: list[set[str]] = [
            set()
        ]  # per function: local names bound to a queryset of the profile
        # the enclosing lookup calls (filter, exclude, ...): is each on the profile?
        self.lookups: list[bool] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.querysets.append(set())

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        self.querysets.pop()
        return updated_node

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign) -> cst.Assign:
        """`q = Profile.objects.order_by("id")`, then `q = q.filter(...)`: q is a queryset of the profile."""
        if len(original_node.targets) == 1 and isinstance(
            original_node.targets[0].target, cst.Name
        ):
            name = original_node.targets[0].target.value
            if self._of_profile(original_node.value) and _returns_queryset(original_node.value):
                self.querysets[-1].add(name)
            else:
                self.querysets[-1].discard(name)
        return updated_node

    def _of_profile(self, node: cst.BaseExpression) -> bool:
        """A query on the profile: `Profile.objects...`, or a call on a local queryset of it (`q.filter(...)`)."""
        root = queryset_root(node)
        if root is not None:
            return is_profile(self, root)
        while isinstance(node, (cst.Call, cst.Attribute)):
            node = node.func if isinstance(node, cst.Call) else node.value
        return isinstance(node, cst.Name) and node.value in self.querysets[-1]

    def visit_Call(self, node: cst.Call) -> None:
        if method_name(node) in LOOKUP_METHODS - {"Q"}:
            self.lookups.append(self._of_profile(node.func))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        method = method_name(updated_node)
        if method in LOOKUP_METHODS - {"Q"}:
            self.lookups.pop()
        inside_profile = bool(self.lookups) and self.lookups[-1]
        if method == "F":  # F("bio") in a query of the profile: F("user__bio")
            first = updated_node.args[0] if updated_node.args else None
            if inside_profile and first is not None and isinstance(first.value, cst.SimpleString):
                value = first.value.evaluated_value
                new = self._path(value, True, original_node) if isinstance(value, str) else None
                if new is not None:
                    return updated_node.with_changes(
                        args=[
                            first.with_changes(value=with_string(first.value, new)),
                            *updated_node.args[1:],
                        ]
                    )
            return updated_node
        if method == "Q" and not inside_profile:
            named = [
                a.keyword.value
                for a in updated_node.args
                if a.keyword is not None and self.options.moved(a.keyword.value.split("__")[0])
            ]
            if named:
                self.note(
                    original_node,
                    "Q(%s): %s moved from %s to %s; if this Q filters %s, the compatibility layer "
                    "follows the link for this release: write the lookup %s__%s before it goes"
                    % (
                        ", ".join(named),
                        named[0].split("__")[0],
                        self.options.profile_label,
                        self.options.user_label,
                        self.options.profile_label,
                        self.options.link,
                        named[0],
                    ),
                )
        if method == "update":
            named = [
                a.keyword.value
                for a in updated_node.args
                if a.keyword is not None and self.options.moved(a.keyword.value)
            ]
            if named and self._of_profile(original_node.func):
                self.note(
                    original_node,
                    "update(%s) on %s: those fields moved to %s; the compatibility layer's queryset "
                    "updates them on the users for this release; before it goes, update the users here "
                    "(%s.objects.filter(%s__in=...).update(...))"
                    % (
                        ", ".join(named),
                        self.options.profile_label,
                        self.options.user_label,
                        self.options.user_class,
                        self.options.accessor,
                    ),
                )
            return updated_node
        if method not in LOOKUP_METHODS:
            return updated_node
        on_profile = inside_profile if method == "Q" else self._of_profile(original_node.func)
        args, named = list(updated_node.args), []
        if method == "values" and on_profile:
            args, named = self._named_values(args)
        followed = []
        for arg in args:
            if arg.keyword is not None and arg.keyword.value != "defaults" and method != "values":
                new = self._path(arg.keyword.value, on_profile, original_node)
                if new is not None:
                    arg = arg.with_changes(keyword=cst.Name(new))
            elif arg.keyword is None and isinstance(arg.value, cst.SimpleString):
                value = arg.value.evaluated_value
                new = (
                    self._path(value, on_profile, original_node) if isinstance(value, str) else None
                )
                if new is not None:
                    arg = arg.with_changes(value=with_string(arg.value, new))
            followed.append(arg)
        if named:
            first_keyword = next(
                (i for i, a in enumerate(followed) if a.keyword is not None), len(followed)
            )
            followed[first_keyword:first_keyword] = named
            followed = _with_commas(followed, updated_node.args[-1].comma)
        return updated_node.with_changes(args=followed)

    def _named_values(self, args: list[cst.Arg]) -> tuple[list[cst.Arg], list[cst.Arg]]:
        """values("bio") on the profile becomes values(bio=F("user__bio")): its rows keep the key "bio"."""
        kept, named = [], []
        for arg in args:
            value = (
                arg.value.evaluated_value
                if arg.keyword is None and isinstance(arg.value, cst.SimpleString)
                else None
            )
            moved = self.options.moved(value) if isinstance(value, str) else None
            if moved is None:
                kept.append(arg)
                continue
            add_import(self, "django.db.models", "F")
            path = with_string(arg.value, "%s__%s" % (self.options.link, value))
            named.append(
                cst.Arg(
                    keyword=cst.Name(value),
                    value=cst.Call(func=cst.Name("F"), args=[cst.Arg(path)]),
                    equal=cst.AssignEqual(
                        whitespace_before=cst.SimpleWhitespace(""),
                        whitespace_after=cst.SimpleWhitespace(""),
                    ),
                )
            )
        return kept, named

    def _path(self, path: str, on_profile: bool, node: cst.CSTNode) -> str | None:
        options = self.options
        first = path.split("__")[0].lstrip("-")
        if on_profile and options.moved(first) is not None:
            sign = "-" if path.startswith("-") else ""
            return "%s%s__%s" % (sign, options.link, path.lstrip("-"))
        new = without_accessor(options, path)
        if new is not None and options.accessor_elsewhere:
            self.note(node, elsewhere_message(options, "lookup %r" % path, path.split("__")[-1]))
            return None
        return new


# What returns a queryset, so a name bound to it stays one (`first()`, `get()`, `count()` do not).
QUERYSET_METHODS = frozenset(
    {
        "all",
        "filter",
        "exclude",
        "order_by",
        "distinct",
        "select_related",
        "prefetch_related",
        "only",
        "defer",
        "annotate",
        "alias",
        "reverse",
        "using",
        "none",
    }
)


def _returns_queryset(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.Attribute):  # q = Profile.objects
        return node.attr.value in MANAGERS
    return isinstance(node, cst.Call) and method_name(node) in QUERYSET_METHODS


def _with_commas(args: list[cst.Arg], last: cst.Comma | cst.MaybeSentinel) -> list[cst.Arg]:
    """Arguments in a new order: a comma after each but the last, which keeps the call's last comma."""
    out = []
    for i, arg in enumerate(args):
        if i == len(args) - 1:
            out.append(arg.with_changes(comma=last))
        elif isinstance(arg.comma, cst.MaybeSentinel):
            out.append(
                arg.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            )
        else:
            out.append(arg)
    return out

"""Helpers the merge_profile transforms share."""

from __future__ import annotations

import re

import libcst as cst

from ...core import scheduled
from ...core.transform import PythonTransform


class ClassBodyTransform(PythonTransform):
    """Edits the body of one module-level class of one module (the user's, the profile's)."""

    METADATA_DEPENDENCIES = ()
    MODULE = CLASS = ""  # the names of the options attributes that hold them

    @classmethod
    def wants(cls, text, options, file):
        return (
            super().wants(text, options, file)
            and file.module == getattr(options, cls.MODULE)
            and ("class %s" % getattr(options, cls.CLASS)) in text
        )

    def __init__(self, context, options, file):
        super().__init__(context, options, file)
        self.depth = 0

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.depth += 1

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.depth += 1

    def leave_FunctionDef(self, original_node, updated_node):
        self.depth -= 1
        return updated_node

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef):
        self.depth -= 1
        if self.depth or original_node.name.value != getattr(self.options, self.CLASS):
            return updated_node
        if self.file.module != getattr(self.options, self.MODULE):
            return updated_node  # a class of that name in another module is another class
        return self.edit_class(original_node, updated_node)

    def edit_class(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        raise NotImplementedError


def field_assignment(stmt: cst.CSTNode) -> tuple[str, cst.BaseExpression] | None:
    """(name, value) of `name = <call>` (or an annotated one) in a class body."""
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
        return None
    small = stmt.body[0]
    if (
        isinstance(small, cst.Assign)
        and len(small.targets) == 1
        and isinstance(small.targets[0].target, cst.Name)
    ):
        return small.targets[0].target.value, small.value
    if (
        isinstance(small, cst.AnnAssign)
        and isinstance(small.target, cst.Name)
        and small.value is not None
    ):
        return small.target.value, small.value
    return None


def add_import(transform, module: str, name: str | None, alias: str | None = None) -> None:
    scheduled.add_needed_import(transform.context, module, name, alias)


MANAGERS = ("objects", "_default_manager", "_base_manager")
# QuerySet methods whose keyword arguments are lookups and whose string arguments are field paths.
LOOKUP_METHODS = frozenset(
    {
        "filter",
        "exclude",
        "get",
        "get_or_create",
        "update_or_create",
        "order_by",
        "values",
        "values_list",
        "only",
        "defer",
        "select_related",
        "prefetch_related",
        "latest",
        "earliest",
        "distinct",
        "Q",
    }
)


def is_profile(t, node: cst.BaseExpression) -> bool:
    """Does this expression name the profile class (imported, or the class itself in its own module)?"""
    options = t.options
    if (
        t.file.module == options.profile_module
        and isinstance(node, cst.Name)
        and node.value == options.profile_class
    ):
        return True
    return bool(options.profile_names & t.qualified_names(node))


def queryset_root(node: cst.BaseExpression) -> cst.BaseExpression | None:
    """`Profile` of `Profile.objects.filter(...).order_by(...)`, else None."""
    while True:
        if isinstance(node, cst.Call):
            node = node.func
        elif isinstance(node, cst.Attribute):
            if node.attr.value in MANAGERS:
                return node.value
            node = node.value
        else:
            return None


def method_name(call: cst.Call) -> str | None:
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value
    if isinstance(func, cst.Name):
        return func.value
    return None


def with_string(node: cst.SimpleString, value: str) -> cst.SimpleString:
    """The same literal (prefix and quotes) holding another plain value."""
    return node.with_changes(value="%s%s%s%s" % (node.prefix, node.quote, value, node.quote))


def elsewhere_message(options, what: str, name: str) -> str:
    return (
        "%s: %s's %s moved to %s, but `%s` is also an attribute of %s, so this was left as it is; if it "
        "reads a user's profile, read the field on the user"
        % (
            what,
            options.profile_label,
            name,
            options.user_label,
            options.accessor,
            ", ".join(options.accessor_elsewhere),
        )
    )


def without_accessor(options, path: str) -> str | None:
    """`author__profile__bio` -> `author__bio`; None when the path does not go through the profile's accessor."""
    parts = path.split("__")
    for i in range(len(parts) - 1):
        if parts[i].lstrip("-") == options.accessor and options.reads_on_user(parts[i + 1]):
            sign = "-" if parts[i].startswith("-") else ""
            return "__".join(parts[:i] + [sign + parts[i + 1]] + parts[i + 2 :])
    return None


def names_a_user(options, name: str) -> bool:
    """Is this the name of a user: by the convention Django's own code follows (`user`, `request.user`,
    `owner_user`) and tests follow (`user2`, `user_a`), or a foreign key to the user in one of the project's
    models (`post.author`)?"""
    return (
        name.endswith("_user")
        or USER_NAME.fullmatch(name) is not None
        or name in options.user_relations
    )


USER_NAME = re.compile(r"user(\d*|_[a-z0-9]+)")


def not_known_message(options, what: str, name: str) -> str:
    return (
        "%s: not known to be a user's %s, so this was left as it is; it reads %s through the compatibility "
        "layer for now: if it is a user's, read the field on the user (`<user>.%s`) before the layer goes"
        % (what, options.accessor, name, name)
    )


def code_of(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def binds_profile(t, node: cst.ClassDef) -> bool:
    """Does the class (a form, an admin, a serializer) name the profile as `model`, in its body or its Meta?"""
    if node.name.value == "Meta":
        return False
    statements = list(node.body.body)
    for stmt in node.body.body:
        if isinstance(stmt, cst.ClassDef) and stmt.name.value == "Meta":
            statements += list(stmt.body.body)
    for stmt in statements:
        assigned = field_assignment(stmt)
        if assigned and assigned[0] == "model" and is_profile(t, assigned[1]):
            return True
    return False


def is_serializer(node: cst.ClassDef) -> bool:
    """A class with a base named like a serializer: `serializers.ModelSerializer`, `WritableNestedModelSerializer`."""
    return any(code_of(b.value).rpartition(".")[2].endswith("Serializer") for b in node.bases)


def has_base(node: cst.ClassDef, name: str) -> bool:
    return any(isinstance(b.value, cst.Name) and b.value.value == name for b in node.bases)


def with_first_base(node: cst.ClassDef, name: str) -> cst.ClassDef:
    """The class with `name` (a mixin of the layer) first among its bases, unless it has it already."""
    if has_base(node, name):
        return node
    first = cst.Arg(
        value=cst.Name(name), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    )
    return node.with_changes(bases=[first, *node.bases])

"""`Profile.objects.get(user=request.user).<field>` reads the field on `request.user` itself."""

from __future__ import annotations

import libcst as cst

from ...core.files import PYTHON
from ...core.transform import PythonTransform
from ._common import is_profile, method_name, queryset_root


class ProfileGet(PythonTransform):
    TITLE = "`Profile.objects.get(user=request.user).<field>` read on the user"
    RUNS_AFTER = ("profile_notes",)
    ROLES = frozenset({PYTHON})
    LIGHT_SCOPE = True

    @classmethod
    def wants(cls, text, options, file):
        return (
            super().wants(text, options, file) and options.profile_class in text and ".get" in text
        )

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute):
        if not self.options.reads_on_user(updated_node.attr.value):
            return updated_node
        call, original = updated_node.value, original_node.value
        if isinstance(call, cst.Subscript) and _first_item(call):  # get_or_create(user=u)[0].bio
            call, original = call.value, original.value
            methods = ("get_or_create",)
        else:
            methods = ("get",)
        if not (
            isinstance(call, cst.Call) and method_name(call) in methods and len(call.args) == 1
        ):
            return updated_node
        arg = call.args[0]
        if (
            arg.keyword is None
            or arg.keyword.value != self.options.link
            or not _request_user(arg.value)
        ):
            return updated_node
        root = queryset_root(original.func)
        if root is None or not is_profile(self, root):
            return updated_node
        return updated_node.with_changes(
            value=(
                arg.value.with_changes(lpar=[], rpar=[])
                if isinstance(arg.value, (cst.Name, cst.Attribute))
                else arg.value
            )
        )


def _first_item(node: cst.Subscript) -> bool:
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return False
    value = node.slice[0].slice.value
    return isinstance(value, cst.Integer) and value.value == "0"


def _request_user(node: cst.BaseExpression) -> bool:
    """`request.user` (or `self.request.user`): loaded for this request, so reading it is as fresh as the query
    was. Another user object may be an older copy than the database (a test's, a long-lived one): there the
    query stays, and still works through the profile's properties."""
    return (
        isinstance(node, cst.Attribute)
        and node.attr.value == "user"
        and (
            (isinstance(node.value, cst.Name) and node.value.value == "request")
            or (isinstance(node.value, cst.Attribute) and node.value.attr.value == "request")
        )
    )

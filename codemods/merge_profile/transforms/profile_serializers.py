"""REST framework serializers of the profile build its moved fields from the user's, through the layer's mixin."""

from __future__ import annotations

import libcst as cst

from ...core.files import PYTHON
from ...core.transform import PythonTransform
from ._common import add_import, binds_profile, has_base, is_serializer, with_first_base

MIXIN = "ProfileSerializerFields"


class ProfileSerializers(PythonTransform):
    TITLE = "REST framework serializers of the profile build the moved fields from the user's"
    RUNS_AFTER = ("profile_notes",)
    ROLES = frozenset({PYTHON})
    LIGHT_SCOPE = True

    @classmethod
    def wants(cls, text, options, file):
        return (
            super().wants(text, options, file)
            and options.profile_class in text
            and "Serializer" in text
        )

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef):
        if not is_serializer(original_node) or not binds_profile(self, original_node):
            return updated_node
        if has_base(updated_node, MIXIN):
            return updated_node  # a second run
        o = self.options
        self.note(
            original_node,
            "serializer %s of %s: its moved fields (%s) are built from %s's by %s (the compatibility "
            "layer) for this release, and read and write the user's; bind it to the user model before the "
            "layer goes"
            % (
                original_node.name.value,
                o.profile_label,
                ", ".join(f.name for f in o.fields),
                o.user_label,
                MIXIN,
            ),
        )
        add_import(self, o.layer_module, MIXIN)
        return with_first_base(updated_node, MIXIN)

"""`<user>.profile.<field>` in Python reads and writes the field on the user itself."""

from __future__ import annotations

import libcst as cst

from ...core.files import PYTHON
from ...core.transform import PythonTransform
from ._common import elsewhere_message


class AccessorFields(PythonTransform):
    ROLES = frozenset({PYTHON})
    METADATA_DEPENDENCIES = ()

    @classmethod
    def wants(cls, text, options, file):
        return file.role in cls.ROLES and (".%s." % options.accessor) in text

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute):
        inner = updated_node.value
        name = updated_node.attr.value
        if not (isinstance(inner, cst.Attribute) and inner.attr.value == self.options.accessor
                and self.options.reads_on_user(name)):
            return updated_node
        if self.options.accessor_elsewhere:
            self.note(original_node, elsewhere_message(self.options, "`.%s.%s`" % (self.options.accessor, name), name))
            return updated_node
        return updated_node.with_changes(value=inner.value)

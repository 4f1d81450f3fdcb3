"""Lookups of moved fields: on the profile they follow its link (`user__bio`), through it they drop it (`bio`)."""

from __future__ import annotations

import libcst as cst

from ...core.files import PYTHON
from ...core.transform import PythonTransform
from ._common import LOOKUP_METHODS, elsewhere_message, is_profile, method_name, queryset_root, with_string, \
    without_accessor


class ProfileQueries(PythonTransform):
    ROLES = frozenset({PYTHON})
    LIGHT_SCOPE = True

    @classmethod
    def wants(cls, text, options, file):
        return file.role in cls.ROLES and (options.profile_class in text or ("%s__" % options.accessor) in text)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        method = method_name(updated_node)
        if method == "update":
            root = queryset_root(original_node.func)
            named = [a.keyword.value for a in updated_node.args if a.keyword is not None
                     and self.options.moved(a.keyword.value)]
            if root is not None and named and is_profile(self, root):
                self.note(original_node, "update(%s) on %s: those fields moved to %s, and a queryset cannot update "
                          "across a relation; update the users instead (%s.objects.filter(%s__in=...).update(...))"
                          % (", ".join(named), self.options.profile_label, self.options.user_label,
                             self.options.user_class, self.options.accessor))
            return updated_node
        if method not in LOOKUP_METHODS:
            return updated_node
        root = queryset_root(original_node.func) if method != "Q" else None
        on_profile = root is not None and is_profile(self, root)
        args = []
        for arg in updated_node.args:
            if arg.keyword is not None and arg.keyword.value != "defaults":
                new = self._path(arg.keyword.value, on_profile, original_node)
                if new is not None:
                    arg = arg.with_changes(keyword=cst.Name(new))
            elif arg.keyword is None and isinstance(arg.value, cst.SimpleString):
                value = arg.value.evaluated_value
                new = self._path(value, on_profile, original_node) if isinstance(value, str) else None
                if new is not None:
                    arg = arg.with_changes(value=with_string(arg.value, new))
            args.append(arg)
        return updated_node.with_changes(args=args)

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

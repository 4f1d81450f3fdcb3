"""Model forms of the profile edit the user: Meta.model is the user model, `instance=<user>.profile` the user."""

from __future__ import annotations

import libcst as cst

from ...core.files import PYTHON
from ...core.transform import PythonTransform
from ._common import add_import, field_assignment, is_profile


class ProfileForms(PythonTransform):
    TITLE = "Profile model forms bound to the user"
    RUNS_AFTER = ("accessor_fields",)
    ROLES = frozenset({PYTHON})
    LIGHT_SCOPE = True

    @classmethod
    def wants(cls, text, options, file):
        return (
            super().wants(text, options, file)
            and bool(options.profile_forms)
            and (
                options.profile_class in text
                or any(f.rpartition(".")[2] in text for f in options.profile_forms)
            )
        )

    def __init__(self, context, options, file):
        super().__init__(context, options, file)
        self.classes: list[str] = []
        # per function: name -> the user expression of its one assignment `name = <user>.<accessor>`
        self.profiles: list[dict[str, cst.BaseExpression | None]] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        found: dict[str, cst.BaseExpression | None] = {}

        class Assignments(cst.CSTVisitor):
            def visit_Assign(inner, assign: cst.Assign) -> None:
                for target in assign.targets:
                    if isinstance(target.target, cst.Name):
                        name, value = target.target.value, assign.value
                        user = (
                            value.value
                            if isinstance(value, cst.Attribute)
                            and value.attr.value == self.options.accessor
                            else None
                        )
                        found[name] = None if name in found else user  # assigned twice: unknown

        node.body.visit(Assignments())
        self.profiles.append(found)

    def leave_FunctionDef(self, original_node, updated_node):
        self.profiles.pop()
        return updated_node

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(node.name.value)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef):
        for stmt in original_node.body.body:
            assigned = field_assignment(stmt)
            if (
                assigned
                and assigned[0] == "form_class"
                and self.qualified_names(assigned[1]) & self.options.profile_forms
            ):
                self.note(
                    stmt,
                    "form_class %s now edits %s: the view's object (get_object) must be the user, "
                    "not the profile"
                    % (cst.Module([]).code_for_node(assigned[1]), self.options.user_label),
                )
        self.classes.pop()
        outer = ".".join([self.file.module or "", *self.classes])
        if original_node.name.value != "Meta" or outer not in self.options.profile_forms:
            return updated_node
        body, fields_at, exclude = [], None, None
        for original, stmt in zip(original_node.body.body, updated_node.body.body):
            assigned = field_assignment(original)
            if assigned and assigned[0] == "model" and is_profile(self, assigned[1]):
                add_import(self, "django.contrib.auth", "get_user_model")
                stmt = self.parse_statement("model = get_user_model()\n").with_changes(
                    leading_lines=stmt.leading_lines
                )
            elif assigned and assigned[0] == "exclude":
                exclude = _strings(assigned[1])
                if exclude is not None:
                    continue
            elif assigned and assigned[0] == "fields":
                fields_at = len(body)
            body.append(stmt)
        names = [f.name for f in self.options.fields]
        if fields_at is not None:
            fields = _strings(field_assignment(body[fields_at])[1])
            if fields is not None:
                kept = (
                    [n for n in fields if n != self.options.link]
                    if fields != ["__all__"]
                    else names
                )
                body[fields_at] = self._fields(kept, body[fields_at])
        elif exclude is not None:
            body.append(self._fields([n for n in names if n not in exclude], None))
        return updated_node.with_changes(body=updated_node.body.with_changes(body=body))

    def _fields(self, names: list[str], old: cst.CSTNode | None) -> cst.CSTNode:
        quote = "'" if self.options.style.single_quotes else '"'
        new = self.parse_statement("fields = [%s]\n" % ", ".join(quote + n + quote for n in names))
        return new.with_changes(leading_lines=old.leading_lines) if old is not None else new

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        if not (self.qualified_names(original_node.func) & self.options.profile_forms):
            return updated_node
        args = []
        for arg in updated_node.args:
            value = arg.value
            if arg.keyword is not None and arg.keyword.value == "instance":
                user = self._user_of(value)
                if user is not None:
                    arg = arg.with_changes(value=user)
                else:
                    self.note(
                        original_node,
                        "%s now edits %s: pass the user as instance= (a profile here would "
                        "leave the form empty and save nothing)"
                        % (
                            cst.Module([]).code_for_node(original_node.func),
                            self.options.user_label,
                        ),
                    )
            args.append(arg)
        return updated_node.with_changes(args=args)

    def _user_of(self, value: cst.BaseExpression) -> cst.BaseExpression | None:
        """The user of `instance=<user>.profile`, or of a name assigned once from it in this function."""
        if isinstance(value, cst.Attribute) and value.attr.value == self.options.accessor:
            return value.value
        if isinstance(value, cst.Name) and self.profiles:
            return self.profiles[-1].get(value.value)
        return None


def _strings(node: cst.BaseExpression) -> list[str] | None:
    if isinstance(node, cst.SimpleString):
        return [node.evaluated_value]
    if isinstance(node, (cst.List, cst.Tuple)):
        out = []
        for el in node.elements:
            if not isinstance(el.value, cst.SimpleString):
                return None
            out.append(el.value.evaluated_value)
        return out
    return None

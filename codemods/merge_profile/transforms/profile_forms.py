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
        # per function: names that hold the user a profile form saved
        self.saved: list[set[str]] = []
        self.form_attributes: list[set[str]] = []  # per class: its attributes set to a profile form

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
        self.saved.append(self._saved_users(node))

    def _saved_users(self, node: cst.FunctionDef) -> set[str]:
        """Names assigned once from `<form>.save(...)` in this function, where `<form>` is assigned once from a
        profile form given `instance=<user>.<accessor>`: that form now saves the user, so the name is the user.
        """
        forms: dict[str, cst.Call | None] = {}
        saves: dict[str, str | None] = {}
        transform = self

        class Assignments(cst.CSTVisitor):
            def visit_Assign(inner, assign: cst.Assign) -> None:
                if len(assign.targets) != 1 or not isinstance(assign.targets[0].target, cst.Name):
                    return
                name, value = assign.targets[0].target.value, assign.value
                if isinstance(value, cst.Call) and transform._is_profile_form(value.func):
                    forms[name] = None if name in forms else value
                elif (
                    isinstance(value, cst.Call)
                    and isinstance(value.func, cst.Attribute)
                    and value.func.attr.value == "save"
                    and isinstance(value.func.value, cst.Name)
                ):
                    saves[name] = None if name in saves else value.func.value.value

        node.body.visit(Assignments())
        users = set()
        for name, form in saves.items():
            call = forms.get(form) if form else None
            instance = (
                next(
                    (a.value for a in call.args if a.keyword and a.keyword.value == "instance"),
                    None,
                )
                if call is not None
                else None
            )
            if instance is not None and self._user_of(instance) is not None:
                users.add(name)
        return users

    def leave_FunctionDef(self, original_node, updated_node):
        self.profiles.pop()
        self.saved.pop()
        return updated_node

    def leave_SimpleStatementLine(self, original_node, updated_node):
        """`<user>.<accessor> = <the saved form's object>`: that object is now the user itself, which is no
        profile (Django refuses it), and nothing is left to link: the statement goes."""
        if len(original_node.body) != 1 or not self.saved:
            return updated_node
        small = original_node.body[0]
        if (
            isinstance(small, cst.Assign)
            and len(small.targets) == 1
            and isinstance(small.targets[0].target, cst.Attribute)
            and small.targets[0].target.attr.value == self.options.accessor
            and isinstance(small.value, cst.Name)
            and small.value.value in self.saved[-1]
        ):
            return cst.RemovalSentinel.REMOVE
        return updated_node

    def _is_profile_form(self, func: cst.BaseExpression) -> bool:
        """A profile form, by its name, or as `self.<attribute>` of the enclosing class set to one
        (`form_settings_class = UserSettingsForm`, then `self.form_settings_class(...)`)."""
        if self.qualified_names(func) & self.options.profile_forms:
            return True
        return (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.value.value in ("self", "cls")
            and bool(self.form_attributes)
            and func.attr.value in self.form_attributes[-1]
        )

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(node.name.value)
        self.form_attributes.append(
            {
                assigned[0]
                for assigned in map(field_assignment, node.body.body)
                if assigned and self.qualified_names(assigned[1]) & self.options.profile_forms
            }
        )

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
        if ".".join([self.file.module or "", *self.classes]) in self.options.profile_forms:
            self._note_methods_reading_the_instance(original_node)
        self.classes.pop()
        self.form_attributes.pop()
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

    def _note_methods_reading_the_instance(self, form: cst.ClassDef) -> None:
        """A profile form's own methods that read self.instance: it is the user once the form edits the user."""
        for stmt in form.body.body:
            if isinstance(stmt, cst.FunctionDef) and "instance" in cst.Module([]).code_for_node(
                stmt
            ):
                self.note(
                    stmt,
                    "%s.%s reads the form's instance, which is now %s, not the profile: an "
                    "`instance.%s` there no longer exists; read the user's fields on the instance itself"
                    % (
                        form.name.value,
                        stmt.name.value,
                        self.options.user_label,
                        self.options.link,
                    ),
                )

    def _fields(self, names: list[str], old: cst.CSTNode | None) -> cst.CSTNode:
        quote = "'" if self.options.style.single_quotes else '"'
        new = self.parse_statement("fields = [%s]\n" % ", ".join(quote + n + quote for n in names))
        return new.with_changes(leading_lines=old.leading_lines) if old is not None else new

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        if not self._is_profile_form(original_node.func):
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

"""Each field of the profile as it will be declared on the user: its definition, its imports, and why it
may differ from the profile's (a field Django would have to ask a default for becomes nullable).

The definition is the profile's own source text when every name in it can be imported in the user's module
the same way (Django, the standard library, third-party packages, `settings`); otherwise it is what Django's
migration writer makes of the field's deconstruct(), as in a migration (choices spelt out, the related
model as an "app_label.model" string), so the user's module never imports the profile's.
"""

from __future__ import annotations

import ast
import builtins
import re
from dataclasses import dataclass, field, replace

import libcst as cst

from ..core.fmt import format_python
from ..core.models_reader import module_imports
from ..core.notes import Note
from ..core.style import ProjectStyle

RELATION_CALLS = ("ForeignKey", "OneToOneField", "ManyToManyField")


@dataclass(frozen=True)
class Import:
    module: str
    name: str | None = None  # None: `import module`
    alias: str | None = None


@dataclass
class Move:
    """One field moving from the profile to the user."""

    name: str
    attname: str
    many_to_many: bool
    definition: str  # the call, as it will read in the user's class body
    imports: list[Import]
    # the profile's definition made nullable, when its column is NOT NULL
    relax_profile_column: str | None
    # what that definition needs, as Django's writer says
    relax_imports: list[str] = field(default_factory=list)
    # why the user's definition differs, for the description
    notes: list[str] = field(default_factory=list)
    line: int = 0  # of the field in the profile's module
    choices: bool = False
    helpers: list[str] = field(
        default_factory=list
    )  # module-level functions of the user's module the definition calls (see _forwarded)


@dataclass
class FieldSource:
    text: str
    line: int
    names: list[str]  # free names of the expression
    local_strings: (
        bool  # a relation's target given as "Model" or "self" (resolved against the profile's app)
    )


def _asks_for_default(f: dict) -> bool:
    """Would Django's makemigrations have to ask for a one-off default to add this field to existing rows?"""
    return not (
        f["null"]
        or f["has_default"]
        or f["db_default"]
        or f["many_to_many"]
        or (f["blank"] and f["empty_strings_allowed"])
        or f["auto_now"]
    )


def _needs_null(f: dict) -> str | None:
    if f["many_to_many"] or f["null"]:
        return None
    if f["unique"]:
        return (
            "nullable on the user: it is unique, and users without a profile must not all get the same "
            "value; they get NULL"
        )
    if _asks_for_default(f):
        return (
            "nullable on the user: it has no default, so users without a profile have no value; they get NULL. "
            "Once every user has one, drop null=True and run makemigrations"
        )
    return None


def read_sources(text: str, class_name: str) -> dict[str, FieldSource]:
    """`name = call(...)` statements of the module-level class, by name."""
    module = cst.parse_module(text)
    wrapper = cst.MetadataWrapper(module)
    positions = wrapper.resolve(cst.metadata.PositionProvider)
    out: dict[str, FieldSource] = {}
    for stmt in wrapper.module.body:
        if not (isinstance(stmt, cst.ClassDef) and stmt.name.value == class_name):
            continue
        for line in stmt.body.body:
            if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
                continue
            small = line.body[0]
            if isinstance(small, cst.Assign) and len(small.targets) == 1:
                target, value = small.targets[0].target, small.value
            elif isinstance(small, cst.AnnAssign) and small.value is not None:
                target, value = small.target, small.value
            else:
                continue
            if isinstance(target, cst.Name) and isinstance(value, cst.Call):
                names, local = _free_names(value)
                out[target.value] = FieldSource(
                    module.code_for_node(value), positions[line].start.line, names, local
                )
    return out


class NamesRead(cst.CSTVisitor):
    """The names a node reads, in order: not an attribute's name, nor a keyword's. With `opaque_lambdas`, a
    lambda counts as the name "<lambda>" and is not entered."""

    def __init__(self, opaque_lambdas: bool = False) -> None:
        super().__init__()
        self.names: list[str] = []
        self.opaque_lambdas = opaque_lambdas

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)
        return False

    def visit_Name(self, node: cst.Name) -> None:
        self.names.append(node.value)

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        if self.opaque_lambdas:
            self.names.append("<lambda>")
        return not self.opaque_lambdas


def names_read(node: cst.CSTNode, opaque_lambdas: bool = False) -> list[str]:
    reader = NamesRead(opaque_lambdas)
    node.visit(reader)
    return reader.names


def _free_names(call: cst.Call) -> tuple[list[str], bool]:
    names = names_read(call, opaque_lambdas=True)  # a lambda is never safe to move as text
    callee = (
        call.func.attr.value
        if isinstance(call.func, cst.Attribute)
        else getattr(call.func, "value", "")
    )
    local = False
    if (
        callee in RELATION_CALLS
        or callee.endswith("OneToOneField")
        or callee.endswith("ForeignKey")
    ):
        target = next(
            (a.value for a in call.args if a.keyword and a.keyword.value == "to"),
            call.args[0].value if call.args and call.args[0].keyword is None else None,
        )
        if isinstance(target, cst.SimpleString) and "." not in target.evaluated_value:
            local = True
    return names, local


def _source_imports(
    source: FieldSource,
    profile_imports: dict[str, str],
    user_imports: dict[str, str],
    first_party: frozenset[str],
) -> list[Import] | None:
    """The imports that make the profile's text valid in the user's module, or None when it cannot be."""
    if source.local_strings:
        return None
    out = []
    for name in dict.fromkeys(source.names):
        if name in profile_imports:
            target = profile_imports[name]
            if target.split(".")[0] in first_party:
                return None  # a project module: importing it from the user's module may be circular
            if user_imports.get(name, target) != target:
                return None
            module, _, obj = target.rpartition(".")
            if name == target:  # `import x`
                out.append(Import(target))
            elif not module:
                return None
            else:
                out.append(Import(module, obj, name if name != obj else None))
        elif name in ("True", "False", "None") or (
            hasattr(builtins, name) and name not in user_imports
        ):
            continue
        else:
            return None  # a name of the profile's module (a class, a function, a nested class)
    return out


def _parse_import(line: str) -> Import:
    if line.startswith("from "):
        module, _, names = line[5:].partition(" import ")
        return Import(module.strip(), names.strip())
    return Import(line[len("import ") :].strip())


def _serialized(definition: list, style: ProjectStyle) -> tuple[str, list[Import]]:
    """Django's migration writer's text as a person would write it: `models.CASCADE`, the related model first,
    the project's quotes."""
    text, imports = definition
    if "django.db.models.deletion." in text:
        text = text.replace("django.db.models.deletion.", "models.")
        imports = [i for i in imports if i != "import django.db.models.deletion"] + [
            "from django.db import models"
        ]
    call = cst.parse_expression(text)
    target = [a for a in call.args if a.keyword is not None and a.keyword.value == "to"]
    if target:
        rest = [a for a in call.args if a is not target[0]]
        if rest:
            rest[-1] = rest[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        first = cst.Arg(
            value=target[0].value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        )
        call = call.with_changes(args=[first, *rest])
    formatted = format_python(
        "x = %s\n" % cst.Module([]).code_for_node(call), replace(style, line_length=10_000)
    )
    return formatted.strip()[len("x = ") :], [_parse_import(i) for i in dict.fromkeys(imports)]


def with_keyword(text: str, name: str, value: str) -> str:
    """The call's text with keyword `name` set to `value` (added at the end, or replaced), layout kept."""
    call = cst.parse_expression(text)
    assert isinstance(call, cst.Call)
    args = list(call.args)
    new_value = cst.parse_expression(value)
    for i, arg in enumerate(args):
        if arg.keyword is not None and arg.keyword.value == name:
            args[i] = arg.with_changes(value=new_value)
            break
    else:
        last = args[-1] if args else None
        comma = cst.MaybeSentinel.DEFAULT
        new = cst.Arg(
            value=new_value,
            keyword=cst.Name(name),
            equal=cst.AssignEqual(
                whitespace_before=cst.SimpleWhitespace(""),
                whitespace_after=cst.SimpleWhitespace(""),
            ),
        )
        if last is not None and last.comma is not cst.MaybeSentinel.DEFAULT:
            # a trailing comma (one argument per line): the new one goes on its own line, the same way
            before = (
                args[-2].comma
                if len(args) > 1
                else cst.Comma(whitespace_after=call.whitespace_before_args)
            )
            args[-1] = last.with_changes(comma=before)
            args.append(new.with_changes(comma=last.comma))
        else:
            if last is not None:
                args[-1] = last.with_changes(
                    comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                )
            args.append(new.with_changes(comma=comma))
    return cst.Module([]).code_for_node(call.with_changes(args=args))


def plan_moves(
    profile: dict,
    profile_text: str,
    user_text: str,
    user_module: str,
    profile_module: str,
    first_party: frozenset[str],
    style: ProjectStyle = ProjectStyle(),
    user_model_name: str = "user",
) -> list[Move]:
    sources = read_sources(profile_text, profile["qualname"])
    profile_imports = module_imports(ast.parse(profile_text), profile_module, False)
    user_imports = module_imports(ast.parse(user_text), user_module, False)
    moves = []
    helpers_made: set[str] = set()
    for f in profile["fields"] + profile["many_to_many"]:
        source = sources.get(f["name"])
        imports = (
            _source_imports(source, profile_imports, user_imports, first_party) if source else None
        )
        helpers: list[str] = []
        if source is not None and imports is not None:
            text = source.text
        else:
            text, imports = _serialized(f["definition"], style)
            text, imports, helpers = _forwarded(text, imports, first_party, user_text, helpers_made)
            helpers_made.update(_helper_names(helpers))
        notes = []
        why = _needs_null(f)
        if why:
            text = with_keyword(text, "null", "True")
            notes.append(why)
        if f["is_relation"] and not f["many_to_many"] and f.get("on_delete") == "CASCADE":
            # Deleting the related row deleted the profile; on the user, CASCADE would delete the user (and
            # all that cascades from it): wger's Language, whose deletion then deleted users.
            text = _set_null_on_delete(text)
            if not f["null"] and not why:
                text = with_keyword(text, "null", "True")
            if Import("django.db", "models") not in imports:
                imports = [*imports, Import("django.db", "models")]
            notes.append(
                "on_delete=SET_NULL on the user (nullable): with CASCADE, deleting a row of %s deleted the "
                "profiles that named it, and would now delete the users; if those users should lose their other "
                "moved values too, or the delete should be refused (PROTECT), say so there"
                % f.get("target", "related row")
            )
        if f["is_relation"] and f.get("related_name") and not f["related_name"].endswith("+"):
            notes.append(
                "%s.%s now returns users, not profiles: code that goes on from there to `.%s` or to "
                "the profile's methods needs a look"
                % (f["target"], f["related_name"], profile["link"]["name"])
            )
        elif f["is_relation"] and not f.get("related_name") and f.get("accessor"):
            notes.append(
                "%s.%s now comes from the compatibility layer, read only, for this release: the reverse of "
                "the user's %s is %s.%s_set (and the query name %s), which returns users, not profiles: code "
                "that uses %s.%s needs a look before the layer goes"
                % (
                    f["target"],
                    f["accessor"],
                    f["name"],
                    f["target"],
                    user_model_name,
                    user_model_name,
                    f["target"],
                    f["accessor"],
                )
            )
        relax, relax_imports = None, []
        if not f["many_to_many"] and not f["null"]:
            relax, relax_imports = f["nullable_definition"][0], list(f["nullable_definition"][1])
        moves.append(
            Move(
                f["name"],
                f["attname"],
                f["many_to_many"],
                text,
                imports,
                relax,
                relax_imports,
                notes,
                source.line if source else profile["source"][1],
                f.get("choices", False),
                helpers,
            )
        )
    return moves


def _set_null_on_delete(text: str) -> str:
    """The relation's call with on_delete=models.SET_NULL, given by keyword or as its second argument."""
    call = cst.parse_expression(text)
    assert isinstance(call, cst.Call)
    value = cst.parse_expression("models.SET_NULL")
    args = list(call.args)
    for i, arg in enumerate(args):
        if arg.keyword is not None and arg.keyword.value == "on_delete":
            args[i] = arg.with_changes(value=value)
            return cst.Module([]).code_for_node(call.with_changes(args=args))
    positional = [i for i, a in enumerate(args) if a.keyword is None and not a.star]
    if len(positional) >= 2:
        args[positional[1]] = args[positional[1]].with_changes(value=value)
        return cst.Module([]).code_for_node(call.with_changes(args=args))
    return with_keyword(text, "on_delete", "models.SET_NULL")


def _forwarded(
    text: str, imports: list[Import], first_party: frozenset[str], user_text: str, taken: set[str]
) -> tuple[str, list[Import], list[str]]:
    """Django's writer names a function of the project by its module (`wger.core.models.profile.
    birthdate_validator`, a validator of the field): importing that module from the user's, where the user model
    is being defined, leads back to the user model (wger: the profile's package imports the gym's models, whose
    manager calls get_user_model(); "AUTH_USER_MODEL refers to model ... that has not been installed"). Each
    such function is referred to through a function of the user's module that imports it when called; a
    project module named otherwise (called, or an attribute of an attribute) keeps its import."""
    helpers = []
    for imp in list(imports):
        if imp.name is not None or imp.module.split(".")[0] not in first_party:
            continue
        pattern = re.compile(r"(?<![\w.])%s\.(\w+)(?![\w.(])" % re.escape(imp.module))
        uses = pattern.findall(text)
        if not uses or text.count(imp.module + ".") != len(uses):
            continue
        names = {}
        for attr in dict.fromkeys(uses):
            name = attr
            while name in taken or name in names.values() or re.search(r"\b%s\b" % name, user_text):
                name = "_" + name
            names[attr] = name
            helpers.append(
                "def %s(*args, **kwargs):\n"
                "    # imported when called: %s imports the user model (merge_profile)\n"
                "    from %s import %s\n\n"
                "    return %s(*args, **kwargs)\n" % (name, imp.module, imp.module, attr, attr)
            )
        text = pattern.sub(lambda m: names[m.group(1)], text)
        imports = [i for i in imports if i != imp]
    return text, imports, helpers


def _helper_names(helpers: list[str]) -> set[str]:
    return {h[len("def ") : h.index("(")] for h in helpers}


def move_notes(moves: list[Move], path: str, user_label: str) -> list[Note]:
    return [
        Note(path, m.line, 1, "%s on %s: %s" % (m.name, user_label, why), "user_fields")
        for m in moves
        for why in m.notes
    ]

"""The imports a transform asks to add or to remove, kept on its context as LibCST's AddImportsVisitor and
RemoveImportsVisitor keep them (the same scratch keys, items and tuples), without importing libcst.codemod: that
takes a quarter of a second (its matchers) in every run, and the runner places and removes imports itself
(core/imports.py). LibCST's visitors are imported only for what this does not do: an import with an alias or a
relative one to add.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

import libcst as cst
from libcst.helpers import get_absolute_module_from_package_for_import, get_full_name_for_node

from .imports import is_import_line

ADD = "AddImportsVisitor"  # AddImportsVisitor.CONTEXT_KEY
REMOVE = "RemoveImportsVisitor"  # RemoveImportsVisitor.CONTEXT_KEY


@dataclass(frozen=True)
class Context:
    """What LibCST's CodemodContext holds, for one file."""

    filename: str | None = None
    full_module_name: str | None = None
    full_package_name: str | None = None
    scratch: dict[str, Any] = field(default_factory=dict)
    wrapper: Any = None  # the MetadataWrapper of the tree being transformed
    warnings: list[str] = field(default_factory=list)
    metadata_manager: Any = None


@dataclass(frozen=True)
class ImportItem:
    """An import to add, as LibCST's ImportItem has it (a leading dot of the module counts as relative)."""

    module_name: str
    obj_name: str | None = None
    alias: str | None = None
    relative: int = 0

    def __post_init__(self) -> None:
        name = self.module_name.lstrip(".")
        if name != self.module_name:
            object.__setattr__(self, "relative", self.relative + len(self.module_name) - len(name))
            object.__setattr__(self, "module_name", name)

    @property
    def module(self) -> str:
        return "." * self.relative + self.module_name


def add_needed_import(
    context: Context,
    module: str,
    obj: str | None = None,
    asname: str | None = None,
    relative: int = 0,
) -> None:
    """AddImportsVisitor.add_needed_import."""
    context.scratch.setdefault(ADD, []).append(ImportItem(module, obj, asname, relative))


def remove_unused_import(
    context: Context, module: str, obj: str | None = None, asname: str | None = None
) -> None:
    """RemoveImportsVisitor.remove_unused_import."""
    context.scratch.setdefault(REMOVE, []).append((module, obj, asname))


def remove_unused_import_by_node(context: Context, node: cst.CSTNode) -> None:
    """RemoveImportsVisitor.remove_unused_import_by_node: an import's own names here, the imports any other
    node uses by LibCST's visitor (on the same scratch)."""
    if isinstance(node, cst.Import):
        for alias in node.names:
            remove_unused_import(context, alias.evaluated_name, asname=alias.evaluated_alias)
    elif isinstance(node, cst.ImportFrom):
        if isinstance(node.names, cst.ImportStar):
            return
        module = get_absolute_module_from_package_for_import(context.full_package_name, node)
        if module is None:
            raise ValueError("Cannot look up absolute module from relative import!")
        for alias in node.names:
            remove_unused_import(
                context, module, obj=alias.evaluated_name, asname=alias.evaluated_alias
            )
    elif context.wrapper is not None:
        # The module's imports of the names the node uses: core/imports.py removes one only when its name is
        # written nowhere else, so a name the node binds itself (and LibCST's scope would not tie to the
        # import) is safe to name here too.
        used = _NamesUsed()
        node.visit(used)
        for stmt in context.wrapper.module.body:
            if is_import_line(stmt):
                for small in stmt.body:
                    _schedule_used(context, small, used.names)


class _NamesUsed(cst.CSTVisitor):
    """The names and dotted names a node reads (`admin`, `admin.site.register`): not an attribute's own name,
    not a keyword argument's."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        name = get_full_name_for_node(node)
        if name is not None:
            self.names.add(name)
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)
        return False


def _schedule_used(context: Context, node: cst.Import | cst.ImportFrom, used: set[str]) -> None:
    """Schedule the names of an import that `used` reads (the name it binds, or a dotted name under it)."""
    if isinstance(node.names, cst.ImportStar):
        return
    module = None
    if isinstance(node, cst.ImportFrom):
        module = get_absolute_module_from_package_for_import(context.full_package_name, node)
        if module is None:
            return
    for alias in node.names:
        bound = alias.evaluated_alias or alias.evaluated_name
        if any(name == bound or name.startswith(bound + ".") for name in used):
            if module is None:
                remove_unused_import(context, alias.evaluated_name, asname=alias.evaluated_alias)
            else:
                remove_unused_import(
                    context, module, obj=alias.evaluated_name, asname=alias.evaluated_alias
                )


def add_imports(context: Context, tree: cst.Module, items: list[ImportItem]) -> cst.Module:
    """The module with the imports added by LibCST's AddImportsVisitor (for those core/imports.py does not place)."""
    from libcst.codemod.visitors import AddImportsVisitor
    from libcst.codemod.visitors import ImportItem as LibcstItem

    found = [LibcstItem(i.module_name, i.obj_name, i.alias, i.relative) for i in items]
    return AddImportsVisitor(codemod_context(context), found).transform_module(tree)


def codemod_context(context: Context) -> Any:
    """LibCST's CodemodContext for this context, sharing its scratch."""
    from libcst.codemod import CodemodContext

    return CodemodContext(**{f.name: getattr(context, f.name) for f in fields(context)})


__all__ = [
    "ADD",
    "REMOVE",
    "Context",
    "ImportItem",
    "add_imports",
    "add_needed_import",
    "codemod_context",
    "remove_unused_import",
    "remove_unused_import_by_node",
]

"""Import edits in the project's style, in place of LibCST's import helpers: drop one name from an import keeping
its layout, add `from module import name` where the project's isort or ruff would put it, sort the imports of a
created file, and drop the scheduled imports whose name the module no longer writes."""

from __future__ import annotations

import io
import re
import sys
import tokenize
from typing import Sequence

import libcst as cst

from .style import ProjectStyle


def without_alias(node: cst.ImportFrom, index: int) -> cst.ImportFrom | None:
    """The import without its index-th name (commas and line breaks kept), or None when nothing is left."""
    names = node.names
    if isinstance(names, cst.ImportStar):
        return node
    names = list(names)
    removed = names.pop(index)
    if not names:
        return None
    if index == len(
        names
    ):  # removed the last name: its comma (trailing or none) moves to the new last
        names[-1] = names[-1].with_changes(comma=removed.comma)
    return node.with_changes(names=names)


def statement_without(
    line: cst.SimpleStatementLine, small: cst.BaseSmallStatement
) -> cst.SimpleStatementLine | None:
    """A statement line without one of its small statements (`a; b`), or None when it held only that."""
    body = [s for s in line.body if s is not small]
    if not body:
        return None
    last = body[-1]
    if isinstance(last, cst.BaseSmallStatement) and not isinstance(
        last.semicolon, cst.MaybeSentinel
    ):
        body[-1] = last.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
    return line.with_changes(body=body)


def is_import_line(stmt: cst.CSTNode) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body
    )


def end_of_import_block(body: Sequence[cst.CSTNode], index: int) -> int:
    """The index just past the run of import lines that contains body[index]."""
    end = index + 1
    while end < len(body) and is_import_line(body[end]):
        end += 1
    return end


# -- adding imports where a careful engineer would --------------------------------------------------

_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ()))


def dotted_name(node: cst.BaseExpression | None) -> str:
    """`a.b.c` for Name/Attribute chains, '' for anything else."""
    if node is None:
        return ""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return "%s.%s" % (dotted_name(node.value), node.attr.value)
    return ""


def _line_import(stmt: cst.CSTNode) -> cst.Import | cst.ImportFrom | None:
    if is_import_line(stmt) and len(stmt.body) == 1:
        return stmt.body[0]
    return None


def _line_module(imp: cst.Import | cst.ImportFrom) -> tuple[int, str]:
    if isinstance(imp, cst.ImportFrom):
        return len(imp.relative), dotted_name(imp.module)
    return 0, dotted_name(imp.names[0].name)


def _section(level: int, module: str, first_party: frozenset[str]) -> int:
    top = module.split(".")[0]
    if level:
        return 4
    if top == "__future__":
        return 0
    if top in _STDLIB:
        return 1
    if top in first_party:
        return 3
    return 2


def _top_block(body: Sequence[cst.CSTNode]) -> tuple[int, int]:
    """(start, end) of the module's leading run of import lines, after a docstring."""
    start = 0
    if (
        body
        and isinstance(body[0], cst.SimpleStatementLine)
        and isinstance(body[0].body[0], cst.Expr)
    ):
        if isinstance(body[0].body[0].value, (cst.SimpleString, cst.ConcatenatedString)):
            start = 1
    first = start
    while first < len(body) and not is_import_line(body[first]):
        # Allow a few statements before the imports (a sys.path tweak, a django.setup() call).
        if first - start > 3:
            return start, start
        first += 1
    if first >= len(body):
        return start, start
    end = first
    while end < len(body) and is_import_line(body[end]):
        end += 1
    return first, end


def already_imported(body: Sequence[cst.CSTNode], module: str, name: str) -> bool:
    """Does a top-level `from module import name` (or `*`) bind name here?"""
    for stmt in body:
        for small in stmt.body if is_import_line(stmt) else []:
            if (
                isinstance(small, cst.ImportFrom)
                and not small.relative
                and dotted_name(small.module) == module
            ):
                if isinstance(small.names, cst.ImportStar):
                    return True
                for alias in small.names:
                    if alias.evaluated_name == name and (alias.evaluated_alias or name) == name:
                        return True
    return False


def member_key(name: str, style: ProjectStyle) -> tuple[int, str]:
    """Where isort and ruff put a name among the names of a from-import: CONSTANTS, Classes, then the rest
    (order by type, the default), each case-insensitively."""
    rank = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return (rank if style.order_by_type else 0, name.lower())


def _mergeable(imp: cst.ImportFrom, style: ProjectStyle) -> bool:
    """May a name join this from-import? Not with force-single-line; not beside an `as` name unless the
    project combines them (isort's and ruff's default keeps `from m import a as b` on its own line).
    """
    if isinstance(imp.names, cst.ImportStar) or style.force_single_line:
        return False
    return style.combine_as or all(alias.asname is None for alias in imp.names)


def _merge_into(imp: cst.ImportFrom, name: str, style: ProjectStyle) -> cst.ImportFrom:
    """`from m import a, c` + b -> `from m import a, b, c` (sorted place if the names are sorted)."""
    names = list(imp.names)
    keys = [member_key(a.evaluated_name, style) for a in names]
    position = len(names)
    if keys == sorted(keys):
        position = next((i for i, k in enumerate(keys) if k > member_key(name, style)), len(names))
    new_alias = cst.ImportAlias(name=cst.Name(name))
    if position < len(names):
        template = names[position - 1] if position > 0 else names[position]
        comma = template.comma
        if isinstance(comma, cst.MaybeSentinel):
            comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        names.insert(position, new_alias.with_changes(comma=comma))
    else:
        last = names[-1]
        if isinstance(last.comma, cst.MaybeSentinel):
            names[-1] = last.with_changes(
                comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            )
            new_alias = new_alias.with_changes(comma=cst.MaybeSentinel.DEFAULT)
        else:
            prev_comma = (
                names[-2].comma
                if len(names) > 1
                else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            )
            names[-1] = last.with_changes(comma=prev_comma)
            new_alias = new_alias.with_changes(comma=last.comma)
        names.append(new_alias)
    return imp.with_changes(names=names)


def _line_key(imp: cst.Import | cst.ImportFrom, style: ProjectStyle) -> tuple:
    """Where isort and ruff sort an import line within its section: `import m` lines before `from` lines
    (unless force-sort-within-sections), then by module, then by the first name (`from m import a as b`
    and `from m import c` are two lines), a name before its aliases."""
    level, module = _line_module(imp)
    is_from = isinstance(imp, cst.ImportFrom)
    first: tuple = (0, "", "")
    if is_from and not isinstance(imp.names, cst.ImportStar):
        alias = imp.names[0]
        first = (*member_key(alias.evaluated_name, style), alias.evaluated_alias or "")
    if style.force_sort_within_sections:
        return (module.lower(), is_from, first)
    return (is_from, module.lower(), first)


def place_imports(
    module: cst.Module, items: Sequence[tuple[str, str]], style: ProjectStyle = ProjectStyle()
) -> cst.Module:
    """Add `from module import name` lines: merged into an existing line of that module where the project's
    import sorter would have it there, else in sorted place among the imports of the same package, else as a
    new group after the imports it sorts after."""
    body = list(module.body)
    for mod, name in items:
        if already_imported(body, mod, name):
            continue
        start, end = _top_block(body)
        done = False
        for i in range(start, end):
            imp = _line_import(body[i])
            if (
                isinstance(imp, cst.ImportFrom)
                and not imp.relative
                and dotted_name(imp.module) == mod
                and _mergeable(imp, style)
            ):
                body[i] = body[i].with_changes(body=[_merge_into(imp, name, style)])
                done = True
                break
        if done:
            continue
        new_line = cst.parse_statement(
            "from %s import %s\n" % (mod, name), config=module.config_for_parsing
        )
        if start == end:  # no import block: put it after the docstring
            lead = [cst.EmptyLine()] if start > 0 else []
            body.insert(start, new_line.with_changes(leading_lines=lead))
            if start + 1 < len(body):
                following = body[start + 1]
                blank = 2 if isinstance(following, (cst.FunctionDef, cst.ClassDef)) else 1
                have = len(following.leading_lines)
                if have < blank:
                    extra = [cst.EmptyLine()] * (blank - have)
                    body[start + 1] = following.with_changes(
                        leading_lines=[*extra, *following.leading_lines]
                    )
            continue
        first_party = style.first_party
        section = _section(0, mod, first_party)
        key = (section, mod)
        top = mod.split(".")[0]
        absolute = [
            i
            for i in range(start, end)
            if _line_import(body[i]) is not None and not _line_module(_line_import(body[i]))[0]
        ]
        same = [i for i in absolute if _line_module(_line_import(body[i]))[1].split(".")[0] == top]
        if (
            not same
        ):  # no import of this package yet: join the lines of its section (isort's groups)
            same = [
                i
                for i in absolute
                if _section(0, _line_module(_line_import(body[i]))[1], first_party) == section
            ]
        if same:
            new_key = _line_key(new_line.body[0], style)
            after = [i for i in same if _line_key(_line_import(body[i]), style) > new_key]
            if after:
                at = after[0]
                if (
                    at == same[0]
                ):  # we become the first of the group: take over its separating lines
                    new_line = new_line.with_changes(leading_lines=body[at].leading_lines)
                    body[at] = body[at].with_changes(leading_lines=[])
                body.insert(at, new_line)
            else:
                body.insert(max(same) + 1, new_line)
            continue
        # A new group: after the last import line that sorts before it.
        at = start
        for i in range(start, end):
            imp = _line_import(body[i])
            if imp is None:
                continue
            level, name_ = _line_module(imp)
            if (_section(level, name_, first_party), name_) <= key:
                at = i + 1
        if at == start:
            new_line = new_line.with_changes(leading_lines=body[start].leading_lines)
            body[start] = body[start].with_changes(leading_lines=[cst.EmptyLine()])
        else:
            new_line = new_line.with_changes(leading_lines=[cst.EmptyLine()])
            if at < end and not body[at].leading_lines:
                body[at] = body[at].with_changes(leading_lines=[cst.EmptyLine()])
        body.insert(at, new_line)
    return module.with_changes(body=body)


def sort_imports(module: cst.Module, style: ProjectStyle = ProjectStyle()) -> cst.Module:
    """The module's leading import lines in isort's sections and order, a blank line between sections (for a
    file the tool creates, such as the migration Django writes, when the project's sorter is not at hand).
    Left as it is when a comment sits among them or a line holds several statements."""
    body = list(module.body)
    start, end = _top_block(body)
    lines = body[start:end]
    imports = [_line_import(line) for line in lines]
    if (
        not lines
        or None in imports
        or any(_has_comment(line, i == 0) for i, line in enumerate(lines))
    ):
        return module
    ranked = sorted(
        zip(imports, lines),
        key=lambda pair: (
            _section(*_line_module(pair[0]), style.first_party),
            _line_key(pair[0], style),
        ),
    )
    new, section = [], None
    for imp, line in ranked:
        here = _section(*_line_module(imp), style.first_party)
        lead = (
            body[start].leading_lines if not new else [cst.EmptyLine()] if here != section else []
        )
        new.append(line.with_changes(leading_lines=lead))
        section = here
    if all(a.deep_equals(b) for a, b in zip(new, lines)):
        return module
    return module.with_changes(body=[*body[:start], *new, *body[end:]])


def _has_comment(line: cst.SimpleStatementLine, first: bool) -> bool:
    lead = [] if first else line.leading_lines
    return (
        any(empty.comment is not None for empty in lead)
        or line.trailing_whitespace.comment is not None
    )


# -- removing imports that nothing uses any more ---------------------------------------------------


def _absolute_module(node: cst.ImportFrom, package: str | None) -> str:
    name = dotted_name(node.module)
    level = len(node.relative)
    if not level:
        return name
    base = (package or "").split(".") if package else []
    if level > 1:
        base = base[: max(0, len(base) - (level - 1))]
    return ".".join([*base, name] if name else base)


def _without_comments(code: str) -> str:
    lines = code.splitlines(keepends=True)
    try:
        for tok in tokenize.generate_tokens(io.StringIO(code).readline):
            if tok.type == tokenize.COMMENT:
                row, col = tok.start
                line = lines[row - 1]
                lines[row - 1] = (
                    line[:col]
                    + " " * (len(line.rstrip("\r\n")) - col)
                    + line[len(line.rstrip("\r\n")) :]
                )
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return (
            code  # the module-level statements alone may not tokenize: keep every word, stay safe
        )
    return "".join(lines)


def _without_name(
    node: cst.Import | cst.ImportFrom, index: int
) -> cst.Import | cst.ImportFrom | None:
    if isinstance(node, cst.ImportFrom):
        return without_alias(node, index)
    names = list(node.names)
    removed = names.pop(index)
    if not names:
        return None
    if index == len(names):
        names[-1] = names[-1].with_changes(comma=removed.comma)
    return node.with_changes(names=names)


def _binding(node: cst.Import | cst.ImportFrom, alias: cst.ImportAlias, package: str | None):
    """((module, name, alias) as LibCST's import helpers schedule it, the name the import binds)."""
    if isinstance(node, cst.ImportFrom):
        key = (_absolute_module(node, package), alias.evaluated_name, alias.evaluated_alias)
        return key, alias.evaluated_alias or alias.evaluated_name
    # `import a.b.c` is used through the dotted path it names; `import a.b.c as x` through x.
    return (
        alias.evaluated_name,
        None,
        alias.evaluated_alias,
    ), alias.evaluated_alias or alias.evaluated_name


def without_leading_blanks(lines: Sequence[cst.EmptyLine]) -> list[cst.EmptyLine]:
    """Leading lines from the first comment on (blank lines above a statement that now opens the file go)."""
    lines = list(lines)
    while lines and lines[0].comment is None:
        lines.pop(0)
    return lines


def remove_unused_imports(
    module: cst.Module,
    candidates: Sequence[tuple[str, str | None, str | None]],
    package: str | None = None,
) -> cst.Module:
    """Drop the candidate module-level imports (module, name, alias) whose bound name the module no longer
    mentions.

    The test is textual and errs on the safe side: a name still written anywhere else in the file's code
    (strings included, comments not) keeps its import. It spares a second full scope analysis of the file.
    """
    wanted = set(candidates)
    if not wanted:
        return module
    # Everything but the module-level import lines and the comments: where a use would be written.
    code = _without_comments(
        "".join(module.code_for_node(s) for s in module.body if not is_import_line(s))
    )

    def unused(stmt: cst.CSTNode, name: str) -> bool:
        return re.search(r"(?<![\w.])%s\b" % re.escape(name), code) is None

    body: list[cst.BaseStatement] = []
    carry: list[cst.EmptyLine] = []
    changed = False
    for stmt in module.body:
        if is_import_line(stmt):
            smalls = []
            for small in stmt.body:
                if not isinstance(small.names, cst.ImportStar):
                    drop = []
                    for i, alias in enumerate(small.names):
                        key, bound = _binding(small, alias, package)
                        if key in wanted and unused(stmt, bound):
                            drop.append(i)
                    for i in reversed(drop):
                        small = _without_name(small, i) if small is not None else None
                    changed = changed or bool(drop)
                if small is not None:
                    smalls.append(small)
            if not smalls:
                carry = [*carry, *stmt.leading_lines]
                continue
            if len(smalls) != len(stmt.body) or any(a is not b for a, b in zip(smalls, stmt.body)):
                last = smalls[-1]
                smalls[-1] = last.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
                stmt = stmt.with_changes(body=smalls)
        if carry:
            own = list(stmt.leading_lines)
            keep = (
                [*carry, *own]
                if any(line.comment is not None for line in carry)
                else (own or carry)
            )
            stmt = stmt.with_changes(leading_lines=keep)
            carry = []
        if (
            not body and stmt is not module.body[0]
        ):  # the module's first statement now: no blank above it
            stmt = stmt.with_changes(leading_lines=without_leading_blanks(stmt.leading_lines))
        body.append(stmt)
    return module.with_changes(body=body) if changed else module

"""Every spelling of auth's User in one file's text: Python read with the stdlib ast, other text with regexes.

Independent of the transforms: it finds what they leave. A hit is a character offset, a kind (which decides the
note's message) and the text found there.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Iterator

from .options import AUTH_MODELS, AUTH_USER

IMPORT = "import"  # from django.contrib.auth.models import User
# auth.models.User through an alias of django.contrib.auth or of its models module
ATTRIBUTE = "attribute"
LABEL = "label"  # "auth.User"
GET_MODEL = "get_model"  # get_model("auth", "User") outside migrations
MIGRATION_GET_MODEL = "migration_get_model"
PERMISSION = "permission"  # auth.change_user
ADMIN_URL = "admin_url"  # admin:auth_user_change
ADMIN_URL_BUILT = "admin_url_built"  # "admin:auth_user_%s"
ADMIN_PATH = "admin_path"  # /admin/auth/user/
CONTENT_TYPE = "content_type"  # ("auth", "user"), app_label="auth", model="user"
FIXTURE = "fixture"  # "model": "auth.user"
SQL = "sql"  # raw SQL on the table auth_user (which the new model keeps)


@dataclass(frozen=True)
class Hit:
    offset: int
    kind: str
    text: str
    docstring: bool = False  # a string statement: prose, not code


# -- patterns shared by Python strings and other text ------------------------------------------------------
# "auth" is matched in lower case only: app labels are case-sensitive, and every file without the bytes b"auth"
# is skipped before it is decoded.
_USER = "(?i:user)"
LABEL_STRING = re.compile(r"\s*auth\.%s\s*" % _USER)  # a whole string that is the label
PERMISSION_NAME = re.compile(r"\bauth\.(?:add|change|delete|view)_user\b")
ADMIN_URL_NAME = re.compile(r"admin:auth_user_(\w+)")
ADMIN_URL_PREFIX = re.compile(r"admin:auth_user_(?!\w)")
KEPT_ADMIN_URL = "password_change"  # UserAdmin reverses it itself: it resolves after the swap too
ADMIN_USER_PATH = re.compile(r"(?i:admin)/auth/%s(?![\w-])" % _USER)
AFTER_ADMIN_PREFIX = re.compile(r"auth/%s(?![\w-])" % _USER)  # f"/{ADMIN_PREFIX}auth/user/"
# "%sauth/user/" % ADMIN_PREFIX, "{}auth/user/".format(settings.ADMIN_URL): the placeholder, then the path
AFTER_PLACEHOLDER = re.compile(r"(%%(?:\([^()]*\))?s|\{[^{}]*\})(auth/%s)(?![\w-])" % _USER)
SQL_TABLE = re.compile(
    r"\b(?i:from|join|into|update|table|references|truncate)\s+[`\"\[]?(auth_user)\b"
)
TABLE_NAME = re.compile(r"\s*auth_user\s*")

# -- other text --------------------------------------------------------------------------------------------
_TEXT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # group 1, when there is one, is where the note points
    (
        IMPORT,
        re.compile(
            r"\bfrom\s+django\.contrib\.auth\.models\s+import\s+(?:\([^)]*?|[^\n]*?)\b(User)\b"
        ),
    ),
    (ATTRIBUTE, re.compile(r"\bdjango\.contrib\.auth\.models\.User\b")),
    (FIXTURE, re.compile(r"\"model\"\s*:\s*\"(auth\.%s)\"" % _USER)),
    (FIXTURE, re.compile(r"^[ \t]*(?:-[ \t]*)?model[ \t]*:[ \t]*[\"']?(auth\.%s)\b" % _USER, re.M)),
    (PERMISSION, PERMISSION_NAME),
    (ADMIN_URL, ADMIN_URL_NAME),
    (ADMIN_URL_BUILT, ADMIN_URL_PREFIX),
    (ADMIN_PATH, ADMIN_USER_PATH),
    # after an admin prefix: {{ admin_prefix }}auth/user/, {% url 'admin:index' %}auth/user/, ${ADMIN_URL}auth/user/
    (ADMIN_PATH, re.compile(r"\{[{%%][^{}\n]*(?i:admin)[^{}\n]*[}%%]\}(auth/%s)(?![\w-])" % _USER)),
    (ADMIN_PATH, re.compile(r"(?i:admin)[\w.]*\}(auth/%s)(?![\w-])" % _USER)),
    (CONTENT_TYPE, re.compile(r"([\"'])auth\1\s*,\s*([\"'])%s\2" % _USER)),
    (
        CONTENT_TYPE,
        re.compile(
            r"\bapp_label[\"']?\s*[:=]\s*[\"']?auth\b[\"']?\s*,?\s*[\"']?model(?:_name)?[\"']?\s*[:=]\s*[\"']?%s\b"
            % _USER
        ),
    ),
    (
        CONTENT_TYPE,
        re.compile(
            r"\bmodel(?:_name)?[\"']?\s*[:=]\s*[\"']?%s[\"']?\s*,?\s*[\"']?app_label[\"']?\s*[:=]\s*[\"']?(auth)\b"
            % _USER
        ),
    ),
]
# A label outside quotes (docs, shell, config: `dumpdata auth.user`) but not an attribute chain (x.auth.user,
# auth.user.name) nor another word (auth.username).
_BARE_LABEL = (LABEL, re.compile(r"(?<![\w.])auth\.%s(?!\w|\.\w)" % _USER))
# In templates and scripts `auth.user` may be a variable: only a quoted label counts there.
_QUOTED_LABEL = (LABEL, re.compile(r"(?<=([\"']))(auth\.%s)(?=\1)" % _USER))
_SQL_FILE_TABLE = (SQL, re.compile(r"\bauth_user\b"))


def text_hits(text: str, quoted_labels_only: bool = False, sql_file: bool = False) -> list[Hit]:
    """Hits in a file that is not Python (or Python that does not parse), one per place."""
    patterns = [*_TEXT_PATTERNS, _QUOTED_LABEL if quoted_labels_only else _BARE_LABEL]
    patterns.append(_SQL_FILE_TABLE if sql_file else (SQL, SQL_TABLE))
    hits: dict[int, Hit] = {}
    for start, end in _windows(text):
        for kind, regex in patterns:  # in order: the first kind found at a place wins
            for m in regex.finditer(text, start, end):
                if kind == ADMIN_URL and m.group(1) == KEPT_ADMIN_URL:
                    continue
                group = m.lastindex if m.lastindex and kind not in (CONTENT_TYPE, ADMIN_URL) else 0
                found = (
                    "from %s import User" % AUTH_MODELS
                    if kind == IMPORT
                    else m.group(group).strip()
                )
                hits.setdefault(m.start(group), Hit(m.start(group), kind, found))
    return sorted(hits.values(), key=lambda h: h.offset)


# Every pattern spells "auth" with no letter or digit after it: auth.user, auth/user, auth_user, "auth".
_TRIGGER = re.compile(r"auth(?![^\W_])")


def _windows(text: str, before: int = 200, after: int = 1000) -> list[tuple[int, int]]:
    """The text around each place a pattern may match, merged: the regexes run only there, which keeps a large
    data file that says "author" or "authentication" a thousand times cheap."""
    windows: list[tuple[int, int]] = []
    for m in _TRIGGER.finditer(text):
        start, end = max(m.start() - before, 0), min(m.end() + after, len(text))
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


# -- Python --------------------------------------------------------------------------------------------------
# Text a file must contain for the ast scan to find anything in it (a superset; most files fail it).
# the names an import statement takes, to the end of it
_IMPORTED = r"\s+import\s+(?:\([^)]*|[^\n;]*)"
PYTHON_CANDIDATE = re.compile(
    r"auth\.models%s(?:\bUser\b|\*)|auth\.models\s+as\b|auth\.models\.User\b" % _IMPORTED
    + r"|contrib%s\bauth\b|contrib\.auth\s+as\b|contrib\.auth%s\bmodels\b" % (_IMPORTED, _IMPORTED)
    + r"|auth\.%s|auth\.(?:add|change|delete|view)_user|admin:auth_user|auth/%s|[\"']auth[\"']|auth_user"
    % (_USER, _USER)
)
MIGRATION_CANDIDATE = re.compile(r"get_model\([^)]*?[\"']auth\b")
_AUTH_ARGS = frozenset({"auth", "auth.user"})


def python_hits(text: str, migration: bool = False) -> list[Hit] | None:
    """Hits in a Python module, or None when it does not parse. In a migration only get_model() calls that load
    auth's User count: historical migrations name auth legitimately."""
    if not (MIGRATION_CANDIDATE if migration else PYTHON_CANDIDATE).search(text):
        return []
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    finder = _PythonFinder(text, tree)
    return sorted(finder.migration() if migration else finder.everything(), key=lambda h: h.offset)


class _PythonFinder:
    def __init__(self, text: str, tree: ast.Module) -> None:
        self.text = text
        self.tree = tree
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.by_type: dict[type, list[ast.AST]] = {}
        for node in ast.walk(tree):
            self.by_type.setdefault(type(node), []).append(node)
        # ids of the strings a lookup of auth's User needs ("auth", "auth.User"): most calls hold none
        self.auth_strings = {
            id(n)
            for n in self.of(ast.Constant)
            if isinstance(n.value, str) and n.value.strip().lower() in _AUTH_ARGS
        }

    def of(self, *types: type) -> list:
        return [node for t in types for node in self.by_type.get(t, ())]

    # -- positions: ast counts columns in UTF-8 bytes, notes in characters ---------------------------------
    def offset(self, node: ast.AST) -> int:
        line = node.lineno - 1
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        row = self.text[start:end]
        if row.isascii():
            return start + node.col_offset
        return start + len(
            row.encode("utf-8", "surrogatepass")[: node.col_offset].decode("utf-8", "ignore")
        )

    def source(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.text, node) or ""

    def at(self, node: ast.AST, found: str, kind: str, docstring: bool = False) -> Hit:
        """A hit on `found` inside node: where its source shows it, else at the node (escapes, concatenation)."""
        start = self.offset(node)
        source = self.source(node)
        index = source.find(found)
        if index < 0 and found.lower() != found:
            index = source.lower().find(found.lower())
        return Hit(start + max(index, 0), kind, found, docstring)

    # -- names ------------------------------------------------------------------------------------------
    def bindings(self) -> dict[str, set[str]]:
        """Name -> the qualified names an import binds it to, anywhere in the module."""
        bound: dict[str, set[str]] = {}
        for node in self.of(ast.ImportFrom):
            for alias in node.names if not node.level and node.module else ():
                bound.setdefault(alias.asname or alias.name, set()).add(
                    "%s.%s" % (node.module, alias.name)
                )
        for node in self.of(ast.Import):
            for alias in node.names:
                name = alias.asname or alias.name.split(".")[0]
                bound.setdefault(name, set()).add(alias.name if alias.asname else name)
        return bound

    def imports(self) -> Iterator[Hit]:
        for node in self.of(ast.ImportFrom):
            if not node.level and node.module == AUTH_MODELS:
                for alias in node.names:
                    if alias.name in ("User", "*"):
                        yield Hit(
                            self.offset(alias),
                            IMPORT,
                            "from %s import %s" % (AUTH_MODELS, alias.name),
                        )

    def attributes(self, bound: dict[str, set[str]]) -> Iterator[Hit]:
        for node in self.of(ast.Attribute):
            if node.attr != "User":
                continue
            chain, base = ["User"], node.value
            while isinstance(base, ast.Attribute):
                chain.insert(0, base.attr)
                base = base.value
            if not isinstance(base, ast.Name):
                continue
            rest = ".".join(chain)
            if any("%s.%s" % (q, rest) == AUTH_USER for q in bound.get(base.id, ())):
                yield Hit(self.offset(node), ATTRIBUTE, self.source(node))

    # -- strings ----------------------------------------------------------------------------------------
    def strings(self) -> Iterator[Hit]:
        fstrings = self.of(ast.JoinedStr)
        parts = {id(v) for node in fstrings for v in node.values}  # read with their f-string
        parts.update(
            id(s)
            for v in self.of(ast.FormattedValue)
            if v.format_spec
            for s in v.format_spec.values
        )
        docstrings = {id(node.value) for node in self.of(ast.Expr)}
        for node in self.of(ast.Constant):
            if isinstance(node.value, str) and "auth" in node.value and id(node) not in parts:
                yield from self.in_string(node, node.value, id(node) in docstrings)
        for node in fstrings:
            yield from self.in_fstring(node)
        for node in self.of(ast.BinOp):
            right = node.right
            if (
                isinstance(node.op, ast.Add)
                and isinstance(right, ast.Constant)
                and isinstance(right.value, str)
            ):
                m = AFTER_ADMIN_PREFIX.match(right.value)
                if m and "admin" in self.source(node.left).lower():
                    yield self.at(right, m.group(0), ADMIN_PATH)
        for node in self.of(ast.BinOp):
            if isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant):
                yield from self.after_placeholder(node.left, [node.right])
        for node in self.of(ast.Call):
            func = node.func
            if (
                isinstance(func, ast.Attribute)
                and func.attr == "format"
                and isinstance(func.value, ast.Constant)
            ):
                yield from self.after_placeholder(
                    func.value, [*node.args, *(k.value for k in node.keywords)]
                )

    def after_placeholder(self, node: ast.Constant, arguments: list[ast.expr]) -> Iterator[Hit]:
        """An admin path built by % or str.format, when the placeholder or what fills it names the admin."""
        if not isinstance(node.value, str):
            return
        for m in AFTER_PLACEHOLDER.finditer(node.value):
            if "admin" in m.group(1).lower() or any(
                "admin" in self.source(a).lower() for a in arguments
            ):
                yield self.at(node, m.group(2), ADMIN_PATH)

    def in_string(self, node: ast.AST, value: str, docstring: bool = False) -> Iterator[Hit]:
        if LABEL_STRING.fullmatch(value):
            yield self.at(node, value.strip(), LABEL, docstring)
        if TABLE_NAME.fullmatch(value):
            yield self.at(node, value.strip(), SQL, docstring)
        for m in PERMISSION_NAME.finditer(value):
            yield self.at(node, m.group(0), PERMISSION, docstring)
        for m in ADMIN_URL_NAME.finditer(value):
            if m.group(1) != KEPT_ADMIN_URL:
                yield self.at(node, m.group(0), ADMIN_URL, docstring)
        for m in ADMIN_URL_PREFIX.finditer(value):
            yield self.at(node, m.group(0), ADMIN_URL_BUILT, docstring)
        for m in ADMIN_USER_PATH.finditer(value):
            yield self.at(node, m.group(0), ADMIN_PATH, docstring)
        for m in SQL_TABLE.finditer(value):
            yield self.at(node, m.group(1), SQL, docstring)

    def in_fstring(self, node: ast.JoinedStr) -> Iterator[Hit]:
        values = node.values
        if all(isinstance(v, ast.Constant) for v in values):
            yield from self.in_string(node, "".join(v.value for v in values))
            return
        previous: ast.AST | None = None
        for v in values:
            if isinstance(v, ast.Constant) and isinstance(v.value, str):
                for hit in self.in_string(node, v.value):
                    if hit.kind not in (
                        LABEL,
                        SQL,
                    ):  # a part of a string is no whole label or table name
                        yield hit
                m = AFTER_ADMIN_PREFIX.match(v.value)
                if (
                    m
                    and isinstance(previous, ast.FormattedValue)
                    and "admin" in self.source(previous.value).lower()
                ):
                    index = (
                        self.source(node).find("}" + m.group(0)) + 1
                    )  # 0 (the node) when escapes hide it
                    yield Hit(self.offset(node) + index, ADMIN_PATH, m.group(0))
            previous = v

    # -- calls, tuples, dicts -------------------------------------------------------------------------
    def lookups(self) -> Iterator[Hit]:
        for node in self.of(ast.Call):
            if not self.auth_strings.intersection(
                map(id, [*node.args, *(k.value for k in node.keywords)])
            ):
                continue
            if _callee(node) == "get_model" and _loads_user(node):
                yield Hit(self.offset(node), GET_MODEL, self.source(node))
            elif _auth_user_pair([_lower(a) for a in node.args]) or _auth_user_keywords(
                {k.arg: _lower(k.value) for k in node.keywords if k.arg}
            ):
                yield Hit(self.offset(node), CONTENT_TYPE, self.source(node))
        for node in self.of(ast.Tuple, ast.List):
            if self.auth_strings.intersection(map(id, node.elts)) and _auth_user_pair(
                [_lower(e) for e in node.elts]
            ):
                yield Hit(self.offset(node), CONTENT_TYPE, self.source(node))
        for node in self.of(ast.Dict):
            if self.auth_strings.intersection(map(id, node.values)):
                pairs = {_lower(k): _lower(v) for k, v in zip(node.keys, node.values)}
                if _auth_user_keywords({k: v for k, v in pairs.items() if k}):
                    yield Hit(self.offset(node), CONTENT_TYPE, self.source(node))

    def everything(self) -> list[Hit]:
        hits = [
            *self.imports(),
            *self.attributes(self.bindings()),
            *self.strings(),
            *self.lookups(),
        ]
        # One note per place: a get_model("auth.User") is a label inside a lookup; keep the lookup.
        by_offset: dict[int, Hit] = {}
        for hit in hits:
            by_offset.setdefault(hit.offset, hit)
        calls = [h for h in hits if h.kind in (GET_MODEL, CONTENT_TYPE)]
        return [
            h
            for h in by_offset.values()
            if not (
                h.kind == LABEL and any(c.offset < h.offset < c.offset + len(c.text) for c in calls)
            )
        ]

    def migration(self) -> list[Hit]:
        return [
            Hit(self.offset(node), MIGRATION_GET_MODEL, self.source(node))
            for node in self.of(ast.Call)
            if _callee(node) == "get_model" and _loads_user(node)
        ]


def _callee(call: ast.Call) -> str | None:
    func = call.func
    return (
        func.attr
        if isinstance(func, ast.Attribute)
        else func.id if isinstance(func, ast.Name) else None
    )


def _lower(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.strip().lower()
    return None


def _loads_user(call: ast.Call) -> bool:
    """get_model("auth", "User"), get_model("auth.User"), get_model(app_label="auth", model_name="user")."""
    args = [_lower(a) for a in call.args]
    keywords = {k.arg: _lower(k.value) for k in call.keywords if k.arg}
    app = args[0] if args else keywords.get("app_label")
    model = args[1] if len(args) > 1 else keywords.get("model_name")
    return app == "auth.user" and model is None or (app == "auth" and model == "user")


def _auth_user_pair(values: list[str | None]) -> bool:
    """("auth", "user") somewhere in a sequence: a content type's natural key, or the end of a permission's."""
    return any(a == "auth" and b == "user" for a, b in zip(values, values[1:]))


_PERMISSION_CODENAME = re.compile(r"(?:add|change|delete|view)_user")


def _auth_user_keywords(pairs: dict[str, str | None]) -> bool:
    """app_label="auth" with model="user" (or a user permission's codename), also through a relation."""

    def value(suffix: str) -> list[str | None]:
        return [v for k, v in pairs.items() if k == suffix or k.endswith("__" + suffix)]

    if "auth" not in value("app_label"):
        return False
    return "user" in value("model") + value("model_name") or any(
        v is not None and _PERMISSION_CODENAME.fullmatch(v) for v in value("codename")
    )

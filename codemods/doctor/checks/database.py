"""D4: the database, read (never written) by the project's Django: the user's content types and the grants on
their permissions, and users missing the profile a post_save receiver creates."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator

from ..context import Context, parse_python
from ..findings import BY_ADOPTION, ERROR, INFO, WARNING, Finding

AUTH_CONTENT_TYPE = "auth.user"


def check(ctx: Context) -> Iterator[Finding]:
    db = ctx.database
    if db is None:
        return
    if ctx.swapped:
        yield from _content_types(ctx, db)
    yield from _profiles(ctx, db)


# -- content types (D401, D402) ---------------------------------------------------------------------------


def _grants(entry: dict) -> tuple[int, list[str]]:
    total, shown = 0, []
    for codename, users, groups in entry["permissions"]:
        total += users + groups
        if users or groups:
            shown.append(
                "%s (%d user%s, %d group%s)"
                % (codename, users, "" if users == 1 else "s", groups, "" if groups == 1 else "s")
            )
    return total, shown


def _describe(key: str, entry: dict) -> str:
    total, _ = _grants(entry)
    return "%s (id %d: %d permissions, %d grant%s)" % (
        key.replace(".", " | "),
        entry["id"],
        len(entry["permissions"]),
        total,
        "" if total == 1 else "s",
    )


def _content_types(ctx: Context, db: dict) -> Iterator[Finding]:
    found = db.get("content_types")
    user = (ctx.django or {}).get("user")
    if not found or not user or user["label"].lower() == AUTH_CONTENT_TYPE:
        return
    new_key = "%s.%s" % (user["app_label"], user["model_name"])
    old, new = found.get(AUTH_CONTENT_TYPE), found.get(new_key)
    if old is None:
        return
    where = "database '%s'" % db["alias"]
    label = user["app_label"]
    can_adopt = isinstance(db.get("adoption"), dict) and "statements" in db["adoption"]
    commands = (ctx.django or {}).get("commands") or {}
    fixer = BY_ADOPTION if can_adopt and commands.get("adopt_user_table") else None
    by_hand = (
        "move the grants and admin log entries of the new row's permissions to the old row's, delete the new row, "
        "then rename the old row to ('%s', '%s') in place, in one transaction"
        % (label, user["model_name"])
    )
    if new is not None:
        total, shown = _grants(old)
        only_old = sorted({p[0] for p in old["permissions"]} - {p[0] for p in new["permissions"]})
        extra = "; permissions only on the old row: %s" % ", ".join(only_old) if only_old else ""
        yield Finding(
            "D401",
            ERROR,
            "%s has two content types for the user: %s and %s%s"
            % (where, _describe(AUTH_CONTENT_TYPE, old), _describe(new_key, new), extra),
            "permissions are checked against %s now, so the grants on the old row's permissions%s no longer "
            'count: has_perm("%s.change_user") is False for whoever holds auth.change_user, and staff lose the '
            "user admin; remove_stale_contenttypes never reports the old row (auth's User class still exists)"
            % (new_key.replace(".", " | "), " (%s)" % ", ".join(shown) if shown else "", label),
            (
                "run manage.py adopt_user_table: it merges the new row into the old one"
                if fixer
                else by_hand
            ),
            where=where,
            fixer=fixer,
        )
        return
    first_recorded = all(db.get("user_first_recorded") or [False])
    if not first_recorded:
        return  # not adopted yet: D302 says so, and the adoption renames the row
    total, shown = _grants(old)
    yield Finding(
        "D402",
        ERROR if total else WARNING,
        "%s still files the user's permissions under %s%s"
        % (where, _describe(AUTH_CONTENT_TYPE, old), ": " + ", ".join(shown) if shown else ""),
        'there is no %s content type: has_perm("%s.change_user") is False for everyone, and the next migrate '
        "creates a second content type with new permissions and leaves these grants behind"
        % (new_key.replace(".", " | "), label),
        (
            "run manage.py adopt_user_table before the next migrate: it renames the row in place, grants and all"
            if fixer
            else "rename the row to ('%s', '%s') in place, keeping its id, before the next migrate"
            % (label, user["model_name"])
        ),
        where=where,
        fixer=fixer,
    )


# -- profiles (D403) ---------------------------------------------------------------------------------------


def _profiles(ctx: Context, db: dict) -> Iterator[Finding]:
    for found in db.get("profiles") or []:
        if not found["missing"]:
            continue
        source, line = found["receiver"]
        path = ctx.relative(source) if source else None
        model = found["model"].rpartition(".")[2]
        conditions = receiver_conditions(source, line) if source else []
        at = " at %s:%d" % (path, line) if path else ""
        if conditions:
            # It creates the row only for some users: the others may be meant to have none.
            severity = INFO
            why = (
                "the post_save receiver%s creates it only for some users (%s), so these may be meant to have "
                "none; for any that should, user.%s raises RelatedObjectDoesNotExist"
                % (at, ", ".join("`if %s:`" % c for c in conditions), found["accessor"])
            )
        else:
            severity = WARNING
            why = (
                "the post_save receiver%s creates it only for users saved after it existed (and never, when its "
                "sender is auth's User in a swapped project): user.%s raises RelatedObjectDoesNotExist: User has "
                "no %s" % (at, found["accessor"], found["accessor"])
            )
        yield Finding(
            "D403",
            severity,
            "%d of %d users in database '%s' have no %s (user.%s)"
            % (found["missing"], found["users"], db["alias"], found["model"], found["accessor"]),
            why,
            "%screate the missing rows once, in a data migration: for user in User.objects.filter(%s__isnull=True): "
            "%s.objects.create(%s=user)"
            % (
                "if they should have one, " if conditions else "",
                found["accessor"],
                model,
                found["field"],
            ),
            path=path,
            line=line if path else None,
            where="database '%s'" % db["alias"],
        )


def receiver_conditions(source: str, line: int) -> list[str]:
    """The tests in a receiver that look at the saved user (`instance.is_staff`), read from its file: `created`
    and `raw` are not conditions on the user."""
    tree = parse_python(Path(source))
    if tree is None:
        return []
    for func in ast.walk(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        first = func.decorator_list[0].lineno if func.decorator_list else func.lineno
        if line not in (first, func.lineno):
            continue
        params = [a.arg for a in func.args.args]
        instance = params[1] if len(params) > 1 else "instance"
        return [
            ast.unparse(node.test)
            for node in ast.walk(func)
            if isinstance(node, ast.If)
            and any(isinstance(n, ast.Name) and n.id == instance for n in ast.walk(node.test))
        ]
    return []

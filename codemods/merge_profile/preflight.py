"""Which profile to merge, and the refusals, each one line, decided before anything is written."""

from __future__ import annotations

from pathlib import Path

from ..core.project import Project


class Refusal(Exception):
    """merge_profile will not run on this project as it is; the message says why and what to do."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = details or []


class NothingToDo(Exception):
    """Every one-to-one model of the user is merged already (a second run)."""


def inside(path: str | None, root: Path) -> bool:
    if not path:
        return False
    try:
        Path(path).resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def where(project: Project, model: dict) -> str:
    path, line = model["source"]
    try:
        rel = Path(path).resolve().relative_to(project.root.resolve()).as_posix()
    except (ValueError, TypeError):
        rel = str(path)
    return "%s:%d" % (rel, line)


def check_user(project: Project, facts: dict) -> None:
    user = facts["user"]
    if facts["auth_user_model"].lower() == "auth.user":
        raise Refusal(
            "AUTH_USER_MODEL is still auth.User; swap the project to its own user model first "
            "(`python -m codemods.swap_user %s`), migrate, then merge the profile" % project.root
        )
    if not inside(user["source"][0], project.root):
        raise Refusal(
            "the user model %s is defined outside the project (%s); merge_profile adds the profile's "
            "fields to its class" % (user["label"], user["source"][0] or user["module"])
        )
    if "." in user["qualname"]:
        raise Refusal(
            "the user model %s is a nested class (%s); merge_profile edits module-level classes"
            % (user["label"], user["qualname"])
        )
    if not user["has_migrations"]:
        raise Refusal(
            "the app %s of the user model has no migrations; run makemigrations first"
            % user["app_label"]
        )


def candidates(project: Project, facts: dict) -> list[dict]:
    """The project's own one-to-one models of the user (third-party ones, an authtoken Token, are not ours)."""
    return [p for p in facts["profiles"] if inside(p["app_path"], project.root)]


def _listing(project: Project, found: list[dict]) -> list[str]:
    return [
        "  %s (%s; user.%s; %d fields)"
        % (
            p["label"],
            where(project, p),
            p["link"]["accessor"],
            len(p["fields"]) + len(p["many_to_many"]),
        )
        for p in found
    ]


def choose(project: Project, facts: dict, requested: str | None) -> dict:
    """The profile to merge: the one given with --profile, else the only one with fields left to move."""
    found = candidates(project, facts)
    user = facts["user"]["label"]
    if requested:
        chosen = [p for p in found if p["label"].lower() == requested.lower()]
        if not chosen:
            raise Refusal(
                "--profile %s is not a one-to-one model of %s in the project (the candidates follow)"
                % (requested, user),
                _listing(project, found) or ["  (none)"],
            )
        if not chosen[0]["fields"] and not chosen[0]["many_to_many"]:
            raise NothingToDo("%s has no field left to move (merged already)" % chosen[0]["label"])
        return chosen[0]
    movable = [p for p in found if p["fields"] or p["many_to_many"]]
    if not movable:
        if found:
            raise NothingToDo(
                "%s: no field left to move (merged already)" % ", ".join(p["label"] for p in found)
            )
        raise Refusal(
            "no model of the project has a one-to-one field to %s; there is no profile to merge"
            % user
        )
    if len(movable) > 1:
        raise Refusal(
            "%d one-to-one models point at %s; pass --profile with the one to merge (they follow)"
            % (len(movable), user),
            _listing(project, movable),
        )
    return movable[0]


def check_profile(project: Project, facts: dict, profile: dict) -> None:
    """The shapes merge_profile cannot move mechanically, each refused with what to do instead."""
    label, user = profile["label"], facts["user"]
    if profile["proxy"] or not profile["managed"]:
        raise Refusal(
            "%s is %s; merge_profile moves the fields of a managed, concrete model"
            % (label, "a proxy" if profile["proxy"] else "unmanaged (Meta.managed = False)")
        )
    if profile["concrete_parents"] or profile["children"]:
        raise Refusal(
            "%s is part of a multi-table inheritance (%s); merge its fields by hand"
            % (label, ", ".join(profile["concrete_parents"] + profile["children"]))
        )
    if "." in profile["qualname"]:
        raise Refusal(
            "%s is a nested class (%s); merge_profile edits module-level classes"
            % (label, profile["qualname"])
        )
    if not profile["has_migrations"]:
        raise Refusal(
            "the app %s of %s has no migrations; run makemigrations first"
            % (profile["app_label"], label)
        )
    pending = facts.get("pending_migrations") or []
    for app_label in dict.fromkeys([user["app_label"], profile["app_label"]]):
        if app_label in pending:
            raise Refusal(
                "the models of %s have changes without a migration; run `manage.py makemigrations %s` "
                "and commit it first" % (app_label, app_label)
            )
    if profile["link"]["to_field"]:
        raise Refusal(
            "%s.%s links to %s.%s, not to its primary key; merge it by hand"
            % (label, profile["link"]["name"], user["label"], profile["link"]["to_field"])
        )
    if profile["private_fields"]:
        raise Refusal(
            "%s has generic relations (%s); they do not move mechanically: move them by hand first"
            % (label, ", ".join(profile["private_fields"]))
        )
    _check_names(profile, user)
    _check_fields(profile)
    _check_meta(profile)
    _check_related_names(profile, user)


def _moved(profile: dict) -> list[dict]:
    return profile["fields"] + profile["many_to_many"]


def _check_names(profile: dict, user: dict) -> None:
    taken = set(user["names"]) | set(user["accessors"]) | set(user["attributes"])
    clashes = []
    for f in _moved(profile):
        for name in dict.fromkeys([f["name"], f["attname"]]):
            if name in taken:
                clashes.append(name)
    if clashes:
        owners = user.get("owners") or {}
        what = [_clash_owner(name, owners.get(name), profile, user) for name in clashes]
        related = any(owners.get(name, [""])[0] in ("accessor", "query_name") for name in clashes)
        raise Refusal(
            "%s's fields %s clash with names %s already has (%s); rename them on the profile first (a "
            "RenameField migration)%s, then merge"
            % (
                profile["label"],
                ", ".join(clashes),
                user["label"],
                "; ".join(what),
                (
                    ", or give the relation another related_name (and a migration)"
                    if related
                    else ""
                ),
            )
        )


def _clash_owner(name: str, owner: list[str] | None, profile: dict, user: dict) -> str:
    """What the user's name is: its own field, an attribute, or the reverse name of a relation; a relation
    of the profile that points at the user keeps its related_name on the user, next to the field of the
    same name."""
    if owner is None:
        return "%s: an attribute of %s" % (name, user["label"])
    kind, of = owner
    if kind == "field":
        return "%s: a field of %s" % (name, user["label"])
    what = "%s: the reverse %s of %s" % (
        name,
        "accessor" if kind == "accessor" else "query name",
        of,
    )
    moved = {"%s.%s" % (profile["label"], f["name"]) for f in _moved(profile)}
    if of in moved:
        what += ", which points at the user and keeps that name there"
    return what


def _check_fields(profile: dict) -> None:
    label = profile["label"]
    for f in _moved(profile):
        where = "%s.%s" % (label, f["name"])
        if f.get("to_self"):
            raise Refusal(
                "%s points at %s itself; it has no place on the user: move it by hand"
                % (where, label)
            )
        if f["many_to_many"] and not f["through_auto_created"]:
            raise Refusal(
                "%s is a many-to-many field through %s, a model of its own; merge_profile copies "
                "auto-created tables only: move it by hand" % (where, f["through"])
            )
        if f["unique"] and f["has_default"]:
            raise Refusal(
                "%s is unique and has a default: adding it to the user would give every user without a "
                "profile the same value; add it by hand in three migrations (nullable, fill, unique), "
                "as Django's docs describe for unique fields" % where
            )
        if f["declared_in"]:
            raise Refusal(
                "%s is declared in %s, a base class of the profile; merge_profile moves fields "
                "declared in the profile's own class" % (where, f["declared_in"])
            )


def _check_meta(profile: dict) -> None:
    moved = {f["name"] for f in _moved(profile)} | {f["attname"] for f in _moved(profile)}
    options = [("unique_together", fields) for fields in profile["unique_together"]]
    options += [("index_together", fields) for fields in profile["index_together"]]
    options += [
        ("constraints (%s)" % name, fields) for _kind, name, fields in profile["constraints"]
    ]
    options += [
        ("indexes (%s)" % name, [f.lstrip("-") for f in fields])
        for name, fields in profile["indexes"]
    ]
    options += [("ordering", [o.lstrip("-?").split("__")[0]]) for o in profile["ordering"]]
    for option, fields in options:
        named = [f for f in fields if f in moved]
        if named:
            raise Refusal(
                "%s's Meta.%s names fields that move to the user (%s); remove it from the profile first "
                "(and add it to the user's Meta if it still applies)"
                % (profile["label"], option, ", ".join(named))
            )


def user_side_names(f: dict, user: dict) -> tuple[str | None, str | None]:
    """(reverse accessor, reverse query name) on the target of a relation once it is declared on the user."""
    related = f.get("related_name")
    model = user["model_name"]
    if related and related.endswith("+"):
        return None, None
    values = {"class": model, "model_name": model, "app_label": user["app_label"]}
    if related:
        accessor = related % values
        query = (f.get("related_query_name") or related) % values
    else:
        accessor = "%s_set" % model
        query = (f.get("related_query_name") or model) % values
    return accessor, query


def _check_related_names(profile: dict, user: dict) -> None:
    for f in _moved(profile):
        if not f["is_relation"]:
            continue
        accessor, query = user_side_names(f, user)
        if accessor is None:
            continue
        names, accessors = f["target_names"]
        clash = [n for n in (accessor, query) if n in names] + [accessor] * (accessor in accessors)
        if clash:
            raise Refusal(
                "%s.%s on %s would give %s the reverse name %r, which it already has; give the field a "
                "related_name on the profile first (and a migration), then merge"
                % (profile["label"], f["name"], user["label"], f["target"], clash[0])
            )

"""The pull-request description (Markdown) and the JSON report of a merge: what moved, every note, and how
to deploy and roll back."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .. import __version__
from ..core.delivery import Delivery
from ..core.notes import Note
from ..core.plan import Plan
from ..core.runner import FileResult
from .changes import Merge


@dataclass
class Record:
    """Everything a reviewer (or a CI script) needs to know about one run."""

    merge: Merge | None
    plan: Plan | None = None
    later: Plan | None = None
    results: list[FileResult] = field(default_factory=list)
    migrations: list[str] = field(default_factory=list)  # written by Django's makemigrations
    commands: list[tuple[str, int]] = field(default_factory=list)
    delivery: Delivery | None = None
    exit_status: int = 0
    mode: str = "write"  # write | check | diff | dry-run
    state: str | None = None  # "nothing to do" and why

    @property
    def notes(self) -> list[Note]:
        return self.merge.notes if self.merge else []

    def by_kind(self) -> dict[str, dict[str, int]]:
        kinds: dict[str, dict[str, int]] = {}
        for r in self.results:
            if r.changed:
                for name, count in r.changes.items():
                    kinds.setdefault(name, {})[r.path] = count
        return kinds

    def edited(self) -> list[str]:
        return sorted(
            [*(self.plan.edits if self.plan else []), *(self.later.edits if self.later else [])]
        )

    def created(self) -> list[str]:
        paths = list(self.plan.creates) if self.plan else []
        paths += list(self.later.creates) if self.later else []
        return sorted(paths + self.migrations)


def markdown(record: Record) -> str:
    m = record.merge
    user, profile = m.user["label"], m.profile["label"]
    accessor, link = m.profile["link"]["accessor"], m.profile["link"]["name"]
    app = m.profile["app_label"]
    data = m.data_migration_path.rpartition("/")[2][:-3]
    previous = m.profile["leaf_migration"][1]
    names = ", ".join("`%s`" % mv.name for mv in m.moves)
    lines = [
        "# Merge %s into %s" % (profile, user),
        "",
        "## Summary",
        "",
        "The fields of `%s` (%s) now live on `%s`: one table, no extra query, and no "
        "`RelatedObjectDoesNotExist` for users that never got a profile. Django's makemigrations added them to "
        "the user (`%s.%s`); `%s.%s` copies every profile's values onto its user in a fixed number of set-based "
        "statements and is reversible. `%s` stays for one release as a thin compatibility layer: its moved fields "
        "are properties that read and write the user's, and saving a profile saves them, so code this change did "
        "not rewrite (other branches, third-party apps) that reads or sets them on a profile keeps working. The "
        "profile's querysets load each profile's user in the same query, and take the moved fields' names "
        "(`filter`, `Q`, `F`, `update`, `values`, `order_by`) by following the link; a profile reached another way "
        "(a related object, `iterator()`) costs a query for its user. Fixtures whose profile rows set moved fields "
        "still load (the values are saved on the users). The queries the tool could rewrite now name "
        "the user's fields themselves; every other one is a note below, to rewrite before the layer goes."
        % (profile, names, user, m.user["app_label"], m.user_migration, app, data, profile),
        "",
        "## What changed",
        "",
        "| field | on %s |" % user,
        "|---|---|",
    ]
    for mv in m.moves:
        lines.append(
            "| `%s` | `%s`%s |"
            % (
                mv.name,
                " ".join(mv.definition.split()).replace("|", "\\|"),
                " (%s)" % "; ".join(mv.notes) if mv.notes else "",
            )
        )
    kinds = record.by_kind()
    if kinds:
        lines += ["", "| rewrite | sites | files |", "|---|---:|---|"]
        for name in sorted(kinds):
            lines.append(
                "| %s | %d | %s |"
                % (
                    name,
                    sum(kinds[name].values()),
                    ", ".join("`%s`" % p for p in sorted(kinds[name])),
                )
            )
    created = record.created()
    if created:
        lines += ["", "Created: %s." % ", ".join("`%s`" % p for p in created)]
    lines += ["", "## Needs a person", ""]
    if record.notes:
        lines += [
            "- [ ] `%s:%d` %s (%s)" % (n.path, n.line, n.message, n.transform) for n in record.notes
        ]
    else:
        lines.append("Nothing: the tool rewrote every use it found.")
    lines += [
        "",
        "## Deploy",
        "",
        "1. Merge and deploy as usual, then run the usual `python manage.py migrate`. It adds the columns to the "
        "user's table, makes the profile's own columns nullable, and copies the values, in one transaction where "
        "the database allows it (the copy itself is always one transaction).",
        "2. The profile's columns stay, no longer read: while the deploy rolls out, the previous release still "
        "finds them. Values the previous release writes there after the migration ran are not carried over; "
        "deploy when few people are editing profiles, or in a maintenance window.",
        "3. `post_save` receivers that create a profile for each new user keep working and stay for this release: "
        "`%s.objects.get(%s=user)` and `user.%s` then keep finding a row for new users in code this change did not "
        "rewrite." % (m.profile["object_name"], link, accessor),
        "",
        "## Check production afterwards",
        "",
        "- `python manage.py showmigrations %s` lists `[X] %s`." % (app, data),
        (
            "- For a user with a profile, `user.%s` equals `user.%s.%s`."
            % (m.moves[0].name, accessor, m.moves[0].name)
            if m.moves
            else ""
        ),
        "- `python manage.py check` reports no error.",
        "",
        "## Roll back",
        "",
        "1. `python manage.py migrate %s %s` reverses the copy: every user's values go back into its profile (and "
        "its many-to-many rows into the profile's tables); a user without a profile gets one only if its values "
        "differ from the defaults. Then `python manage.py migrate %s %s` drops the new columns of the user."
        % (app, previous, m.user["app_label"], m.user["leaf_migration"][1]),
        "2. Revert this change and deploy the previous code.",
        "",
        "## Follow-up (next release)",
        "",
        "- Remove `%s` and its compatibility layer (`%s`) once no code reads it: `makemigrations` then writes a "
        "`DeleteModel` that drops its table.%s" % (profile, m.layer_path, _old_tables(m)),
        "- Remove the `post_save` receiver that creates profiles with it.",
    ]
    if record.commands:
        lines += ["", "## Commands the tool ran", ""]
        lines += ["- `%s` (exit %d)" % (c, code) for c, code in record.commands]
    if record.delivery is not None and record.delivery.commits:
        lines += ["", "## Commits on `%s`" % record.delivery.branch, ""]
        lines += ["- %s %s" % (sha, subject) for sha, subject in record.delivery.commits]
    lines += [
        "",
        "_Generated by codemods %s (`python -m codemods.merge_profile`)._" % __version__,
        "",
    ]
    return "\n".join(line for line in lines if line is not None)


def _old_tables(m: Merge) -> str:
    many = [mv.name for mv in m.moves if mv.many_to_many]
    if not many:
        return ""
    return (
        " The many-to-many tables of the moved fields (%s) are no longer in any model's state, so that "
        "`DeleteModel` leaves them: drop them in the same migration with `RunSQL`."
        % ", ".join("`%s_%s`" % (m.profile["db_table"], name) for name in many)
    )


def report(record: Record, description: str | None) -> dict:
    m = record.merge
    delivery = record.delivery
    return {
        "tool": "codemods.merge_profile",
        "version": __version__,
        "mode": record.mode,
        "exit_status": record.exit_status,
        "state": record.state,
        "project": str(m.project.root) if m else None,
        "user_model": m.user["label"] if m else None,
        "profile": m.profile["label"] if m else None,
        "fields": (
            [
                {
                    "name": mv.name,
                    "definition": mv.definition,
                    "many_to_many": mv.many_to_many,
                    "notes": mv.notes,
                }
                for mv in m.moves
            ]
            if m
            else []
        ),
        "files_changed": record.edited(),
        "files_created": record.created(),
        "changes": {
            name: {"sites": sum(files.values()), "files": sorted(files)}
            for name, files in record.by_kind().items()
        },
        "notes": [n.as_dict() for n in record.notes],
        "commands": [{"command": c, "exit_code": code} for c, code in record.commands],
        "branch": delivery.branch if delivery else None,
        "commits": [{"sha": sha, "subject": s} for sha, s in delivery.commits] if delivery else [],
        "working_tree_only": bool(delivery and not delivery.on_branch),
        "description": description,
    }


def dumps(data: dict) -> str:
    return json.dumps(data, indent=2, sort_keys=True) + "\n"

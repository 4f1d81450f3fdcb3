"""The pull-request description (Markdown) and the JSON report: what changed, what needs a person, and how
to deploy and roll back."""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..core.notes import Note
from ..core.plan import Plan, WriteError
from ..core.runner import FileResult
from . import residual
from .delivery import Delivery
from .preflight import NewApp
from .scaffold import USER_APP
from .transforms import TITLES


@dataclass
class Command:
    line: str
    exit_code: int


@dataclass
class Record:
    """Everything a reviewer (or a CI script) needs to know about one run."""

    root: Path
    app: NewApp
    plan: Plan
    results: list[FileResult]
    notes: list[Note]
    migrations: list[str] = field(default_factory=list)
    commands: list[Command] = field(default_factory=list)
    delivery: Delivery | None = None
    exit_status: int = 0
    mode: str = "write"  # write | check | diff | dry-run
    # how the team runs management commands (its own console script, say)
    manage: str = "python manage.py"
    test_commands: list[str] = field(
        default_factory=list
    )  # the project's test suite, not run by the tool

    @property
    def label(self) -> str:
        return self.app.label

    @property
    def first_migration(self) -> str:
        """The name of the app's first migration, as Django wrote it."""
        found = self.migrations or sorted(
            p.name for p in (self.app.folder / "migrations").glob("[0-9]*.py")
        )
        return Path(sorted(found)[0]).stem if found else "0001_initial"

    def by_kind(self) -> dict[str, dict[str, int]]:
        """transform -> {file: sites changed}."""
        kinds: dict[str, dict[str, int]] = {}
        for r in self.results:
            if not r.changed:
                continue
            for name, count in r.changes.items():
                kinds.setdefault(name, {})[r.path] = count
        return kinds


def operator_command() -> str:
    """The adoption's stand-alone management command shipped in the new app."""
    commands = sorted(
        p.name[: -len(".py")] for p in (USER_APP / "management" / "commands").glob("*.py")
    )
    names = [c for c in commands if c not in ("migrate", "makemigrations", "__init__")]
    return names[0] if names else "migrate"


def _files(paths: list[str], limit: int = 6) -> str:
    shown = ", ".join("`%s`" % p for p in paths[:limit])
    return shown + (" and %d more" % (len(paths) - limit) if len(paths) > limit else "")


def markdown(record: Record) -> str:
    label, plan = record.label, record.plan
    op = operator_command()
    manage, first = record.manage, record.first_migration
    app_dir = record.app.folder.relative_to(record.root).as_posix()
    lines = [
        "# Swap auth.User for %s.User, adopting the auth_user table" % label,
        "",
        "## Summary",
        "",
        "This moves the project from Django's built-in `auth.User` to its own user model, `%s.User`, without "
        'moving a row: the new model keeps the existing `auth_user` table (`Meta.db_table = "auth_user"`). '
        "Every reference to `auth.User` now goes through `settings.AUTH_USER_MODEL` or `get_user_model()`. "
        "Existing databases are adopted by the plain `%s migrate` that every environment already runs; "
        "new databases are built from scratch by the same command." % (label, manage),
        "",
        "%d file(s) changed, %d created by the tool%s%s; %d note(s) need a person."
        % (
            len(plan.edits),
            len(plan.creates) - len(plan.moves),
            ", %d by Django's makemigrations" % len(record.migrations) if record.migrations else "",
            ", %d moved" % len(plan.moves) if plan.moves else "",
            len(residual.needs_person(record.notes)),
        ),
        "",
        *_verified(record),
        "## What changed",
        "",
        "| kind | sites | files |",
        "|---|---:|---|",
    ]
    kinds = record.by_kind()
    for name in TITLES:
        if name in kinds:
            files = sorted(kinds[name])
            lines.append(
                "| %s | %d | %s |" % (TITLES[name], sum(kinds[name].values()), _files(files))
            )
    for name in sorted(set(kinds) - set(TITLES)):
        lines.append(
            "| %s | %d | %s |" % (name, sum(kinds[name].values()), _files(sorted(kinds[name])))
        )
    created = sorted(set(plan.creates) - set(plan.moves))
    if created:
        lines.append(
            "| New app `%s` (generated, formatted with black) | %d files | %s |"
            % (record.app.module, len(created), _files(created))
        )
    if plan.moves:
        lines.append(
            "| Admin templates for auth's User moved to `admin/%s/user/` | %d files | %s |"
            % (
                label,
                len(plan.moves),
                ", ".join("`%s` → `%s`" % (old, new) for new, old in sorted(plan.moves.items())),
            )
        )
    if record.migrations:
        lines.append(
            "| Migration generated by Django's `makemigrations %s` | %d | %s |"
            % (label, len(record.migrations), _files(record.migrations))
        )
    lines += ["", "## Needs a person", ""] + _needs_a_person(record.notes)
    lines += [
        "",
        "## Deploy",
        "",
        "1. Precondition: every environment (each developer's database, CI's kept test databases, staging, "
        "production) has applied all migrations of the code *before* this change. `%s showmigrations auth` must "
        "list `0012_alter_user_first_name_max_length` as applied. The adoption refuses a database that has not, "
        "and changes nothing in it." % manage,
        "2. Merge and deploy as usual, then run the usual `%s migrate`. On an existing database the `%s` app's "
        "migrate command first adopts it, in one transaction, before Django plans anything: it records "
        "`%s.%s` as applied and renames the `auth | user` content type to `%s | user` in place (same id, so every "
        "permission, grant and admin log entry follows), and says so in its output. Then Django's own migrate "
        "runs as always. A new database is built from scratch; there is nothing to adopt."
        % (manage, label, label, first, label),
        "",
        "   On an existing database, `migrate` starts with:",
        "",
        "   ```",
        "   Adopting auth_user for %s.User on database 'default':" % label,
        "     Record %s.%s as applied" % (label, first),
        "     Rename content type auth.user (id <its id>) to %s.user" % label,
        "   Operations to perform:",
        "   ```",
        "",
        "   and on the next runs it says nothing more. `migrate --plan` and `migrate --check` show the same lines "
        '("Would adopt ...", rolled back) and change nothing.',
        "3. In a rolling deploy, replace the old processes right after `migrate`. Until they are gone they still "
        "run the old code: they check permissions as `auth.*_user` (`auth.change_user`), which no longer match "
        "once the content type is `%s | user`, so staff served by them lose those permissions (the user admin) "
        "for that window; and where they ask for auth.User's content type (admin log entries do) they may create "
        "a new `auth | user` row, which `python -m codemods.doctor` reports. A deploy that stops the old "
        "processes before `migrate` has no such window." % label,
        "4. Nothing else: no row is copied, no table renamed. Sessions stay valid.",
        "",
        "The new app replaces two of Django's commands: `migrate` (above) and `makemigrations`. On a database "
        "that still has to be adopted, its `makemigrations` stops with a message saying to run `migrate` first "
        "(where Django's would stop with a bare InconsistentMigrationHistory) and changes nothing; everywhere "
        "else it is the command it shadows. Operators who prefer to run the adoption on its own: `%s %s "
        "--dry-run` prints the SQL, `%s %s` runs it (then `migrate`)." % (manage, op, manage, op),
        "",
        "## Check production afterwards",
        "",
        "- `%s showmigrations %s` lists `[X] %s`." % (manage, label, first),
        '- `%s shell -c "from django.contrib.contenttypes.models import ContentType; '
        "print(list(ContentType.objects.filter(model='user').values_list('app_label', 'id')))\"` prints one row, "
        "`('%s', <the old id>)`." % (manage, label),
        "- A staff user who had `auth.change_user` now has `%s.change_user`%s."
        % (
            label,
            (
                " and opens `/admin/%s/user/`" % label
                if any(p.endswith("/admin.py") for p in record.plan.creates)
                else ""
            ),
        ),
        "- `%s check` reports no error." % manage,
        "",
        "## Roll back",
        "",
        "1. `%s %s --reverse` undoes the two rows (deletes the migration record, renames the "
        "content type back to `auth | user`). Never `migrate %s zero`: it would unapply the admin and every app "
        "with a user foreign key, and drop `auth_user`." % (manage, op, label),
        "2. Revert this change and deploy the previous code. The data never moved, so nothing else is needed.",
        "",
        "## Follow-ups (optional, later)",
        "",
        "- Remove the transition code once every environment (each developer's database, CI's kept test "
        "databases, staging, production) has run the new `migrate`: `%s/adoption.py` and the `migrate`, "
        "`makemigrations` and `%s` commands in `%s/management/commands/`. From then on `migrate` is Django's "
        "own again, and the roll-back above is no longer available. `python -m codemods.swap_user --finish` "
        "checks every database it can reach, then removes them on a branch of its own."
        % (app_dir, op, app_dir),
        "- Add fields to `%s.User` (`%s/models.py`) with ordinary migrations." % (label, app_dir),
        "- Rename the table: drop `db_table` from the model's Meta; `makemigrations` writes an `AlterModelTable` "
        "that renames `auth_user` and both many-to-many tables on every backend (index and sequence names keep "
        "their `auth_user` prefix, which is harmless). `python -m codemods.swap_user --finish --rename-table` "
        "does it, and first reports what names `auth_user` (raw SQL, views, triggers, installed packages).",
        "- Type checkers: `User = get_user_model()` is not a type for mypy; where the project is type-checked, "
        "import `%s.models.User` under `if TYPE_CHECKING:` for annotations." % record.app.module,
    ]
    if record.delivery is not None and record.delivery.commits:
        lines += ["", "## Commits on `%s`" % record.delivery.branch, ""]
        lines += ["- %s %s" % (sha, subject) for sha, subject in record.delivery.commits]
    lines += ["", "_Generated by codemods %s (`python -m codemods.swap_user`)._" % __version__, ""]
    return "\n".join(lines)


def _verified(record: Record) -> list[str]:
    """What the tool ran on the rewritten project, with exit codes, and what it did not run."""
    lines = ["## Verified, and not verified", ""]
    if record.commands:
        lines += ["The tool ran, on the rewritten project, with the project's interpreter:", ""]
        for c in record.commands:
            wrote = ""
            if c.line.split()[2:3] == ["makemigrations"] and record.migrations:
                wrote = (
                    ": wrote %s; the tool checked that it puts `User` on `auth_user` with an integer id"
                    % (_files(record.migrations))
                )
            lines.append("- `%s` (exit %d)%s" % (c.line, c.exit_code, wrote))
        lines.append("")
    tests = ["`%s`" % command for command in record.test_commands] or ["`%s test`" % record.manage]
    suite = tests[0] + (" (also %s)" % ", ".join(tests[1:]) if len(tests) > 1 else "")
    lines += [
        "Not verified:",
        "",
        "- the project's own test suite: run %s before merging." % suite,
        "- any database: none was migrated or adopted. Try the deploy below on a copy of production first; "
        "`%s migrate --plan` shows what the adoption would do and changes nothing." % record.manage,
        "",
    ]
    return lines


def _needs_a_person(notes: list[Note]) -> list[str]:
    """Each note as a box to tick, documentation apart; "Nothing" only when the final scan found nothing."""
    todo = residual.needs_person(notes)
    code = [n for n in todo if not n.documentation]
    docs = [n for n in todo if n.documentation]
    later = [n for n in notes if n not in todo]
    lines = (
        [_box(n) for n in code] if todo else ["Nothing: the tool changed every reference it found."]
    )
    if docs:
        lines += ["", "### Documentation that still names auth.User", ""] + [_box(n) for n in docs]
    if later:
        lines += ["", "### For a later table rename (nothing to do now)", ""]
        lines += ["- `%s:%d` %s" % (n.path, n.line, n.message) for n in later]
    return lines[1:] if lines[0] == "" else lines


def _box(n: Note) -> str:
    return "- [ ] `%s:%d` %s (%s)" % (n.path, n.line, n.message, n.transform)


def report(record: Record, description: Path | None) -> dict:
    """The same facts for CI and scripts."""
    kinds = record.by_kind()
    delivery = record.delivery
    return {
        "tool": "codemods.swap_user",
        "version": __version__,
        "mode": record.mode,
        "exit_status": record.exit_status,
        "project": str(record.root),
        "app": {
            "label": record.label,
            "module": record.app.module,
            "folder": record.app.folder.relative_to(record.root).as_posix(),
        },
        "auth_user_model": "%s.User" % record.label,
        "files_changed": sorted(record.plan.edits),
        "files_created": sorted(set(record.plan.creates) - set(record.plan.moves))
        + list(record.migrations),
        "files_moved": {new: old for new, old in sorted(record.plan.moves.items())},
        "changes": {
            name: {"sites": sum(files.values()), "files": sorted(files)}
            for name, files in kinds.items()
        },
        "notes": [n.as_dict() for n in record.notes],
        "commands": [{"command": c.line, "exit_code": c.exit_code} for c in record.commands],
        "not_run": {"test_suite": record.test_commands},
        "management_command": record.manage,
        "branch": delivery.branch if delivery else None,
        "commits": [{"sha": sha, "subject": s} for sha, s in delivery.commits] if delivery else [],
        "working_tree_only": bool(delivery and not delivery.on_branch),
        "description": str(description) if description else None,
    }


def description_path(record: Record, git_dir: Path | None) -> Path:
    """A new file for each run, outside the tracked tree: in .git/codemods/ when there is one, else in the
    temporary folder (named after the project's folder and a digest of its path, so two projects never share
    one). Named after the branch and the time, so an earlier run's description is kept."""
    branch = (
        record.delivery.branch if record.delivery and record.delivery.branch else "swap-user-model"
    )
    return new_description_path(record.root, git_dir, branch)


def new_description_path(root: Path, git_dir: Path | None, branch: str) -> Path:
    """A path no earlier description holds: .git/codemods/<branch>-<time>.md, else in the temporary folder."""
    if git_dir is not None:
        folder, stem = git_dir / "codemods", branch
    else:
        digest = hashlib.sha256(str(root).encode()).hexdigest()[:8]
        folder = Path(tempfile.gettempdir()) / "swap-user-descriptions"
        stem = "%s-%s-%s" % (root.name, digest, branch)
    stem += time.strftime("-%Y%m%d-%H%M%S")
    target, n = folder / (stem + ".md"), 1
    while target.exists():
        n += 1
        target = folder / ("%s-%d.md" % (stem, n))
    return target


def write_description(record: Record, target: Path) -> None:
    text = markdown(record)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise WriteError(
            "could not write the pull-request description %s: %s" % (target, exc.strerror or exc)
        ) from exc


def dumps(data: dict) -> str:
    return json.dumps(data, indent=2, sort_keys=True) + "\n"

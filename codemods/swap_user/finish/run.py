"""Orchestration of `python -m codemods.swap_user PATH --finish`: refusals, the database check, the removal, Django's
check and makemigrations --check, the branch and its description; delivered as the swap is."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...core import commands, git
from ...core import django as django_run
from ...core.cli import EXIT_CHANGES, EXIT_OK, conclude
from ...core.fmt import format_created
from ...core.notes import Note
from ...core.project import Project, discover
from ...core.report import Reporter, show_plan
from ...core.rollback import Rollback
from ...core.style import read_style
from .. import delivery as deliver
from .. import preflight
from ..describe import Command
from . import databases, describe, detect, removal, rename


class CheckFailed(Exception):
    """Django's check or makemigrations --check failed on the changed project; the tree is as it was."""


def run(args: argparse.Namespace, reporter: Reporter) -> int:
    """The --finish run; refusals and failures are raised as swap_user's main turns them into exit codes."""
    if args.app_label:
        raise preflight.Refusal(
            "--app-label does not apply to --finish: the user app is the one AUTH_USER_MODEL "
            "names"
        )
    if args.rename_table and not args.finish:
        raise preflight.Refusal(
            "--rename-table goes with --finish: the table is renamed once the transition code "
            "is gone (in the same run, or after it)"
        )
    mode = (
        "check" if args.check else "diff" if args.diff else "dry-run" if args.dry_run else "write"
    )
    writing = mode == "write"
    project = discover(Path(args.path), args.settings)
    if writing:
        preflight.check_clean(project, args.allow_dirty)
    facts, probe_run = databases.read(project, args.settings, args.python)
    if facts is None:
        raise preflight.Refusal(
            "Django could not start with %s: %s"
            % (django_run.project_python(project, args.python), probe_run.last_error()),
            probe_run.output,
        )
    try:
        app = detect.find(project, facts, rename=args.rename_table)
    except detect.NothingToDo as done:
        reporter.summary("swap_user --finish: %s; nothing to do" % done)
        return EXIT_OK
    for db in facts.databases:
        reporter.event("Checked %s" % db.line())
    _refuse_unadopted(facts.databases)
    plan, notes = removal.plan_removal(project, app)
    notes += [
        Note(
            "database '%s'" % db.alias,
            1,
            1,
            "not checked: %s; check that it has adopted auth_user (the "
            "doctor, or the query in the description) before deploying this" % db.why,
            "finish",
        )
        for db in facts.databases
        if not db.checked
    ]
    rename_migration = None
    if args.rename_table:
        rename.plan_rename(project, app, plan)
        rename_migration = "%s.%s" % (app.label, rename.migration_name(app))
        notes = sorted(notes + rename.mentions(project, app, facts, rename_migration, plan))
    record = describe.Record(
        project.root,
        app,
        plan,
        notes,
        facts.databases,
        mode=mode,
        manage=commands.management_command(project),
        rename_migration=rename_migration,
    )
    show_plan(reporter, plan, notes, writing, args.diff)
    if not writing:
        reporter.summary(_summary(record, written=False))
        record.exit_status = EXIT_CHANGES if args.check and not plan.empty else EXIT_OK
        return _finish(args, record, None, reporter)

    stale = plan.check_current()
    if stale:
        raise preflight.Refusal("%s changed while the tool was running" % stale[0])
    preflight.check_writable(project, plan)
    delivery = record.delivery = deliver.decide(
        project, args.branch or describe.DEFAULT_BRANCH, args.no_branch, plan
    )
    if delivery.reason:
        reporter.event(delivery.reason)
    description = _write(args, project, record, reporter)
    for sha, subject in delivery.commits:
        reporter.event("Committed %s %s" % (sha, subject))
    return _finish(args, record, description, reporter)


def _refuse_unadopted(states: list[databases.DatabaseState]) -> None:
    late = [db for db in states if db.state == "not adopted"]
    if late:
        db = late[0]
        more = " (and %s)" % ", ".join("'%s'" % d.alias for d in late[1:]) if len(late) > 1 else ""
        raise preflight.Refusal(
            "database '%s' has not adopted auth_user: %s%s; run `manage.py migrate` there with "
            "the current release first" % (db.alias, db.why, more)
        )


def _write(args, project: Project, record: describe.Record, reporter: Reporter) -> Path:
    """Remove, hand to Django, commit and describe; a step that does not finish undoes every step that did."""
    plan, delivery = record.plan, record.delivery
    in_git = git.is_work_tree(project.root)
    with Rollback() as rollback:
        if in_git:
            rollback.on_failure("git's index and HEAD", git.snapshot(project.root).restore)
        rollback.on_failure("the files written", plan.revert)
        plan.apply()
        if record.rename_migration:
            rollback.on_failure(
                "the migration Django wrote", _removal_of_new_migrations(record.app)
            )
            record.migrations = _make_rename_migration(args, project, record, reporter)
        # makemigrations --check of the user app only: what the finish changes is there, and model changes
        # the project left without their migrations in its other apps are pending before and after it.
        for argv, what in (
            (["check"], "manage.py check"),
            (
                ["makemigrations", record.app.label, "--check", "--dry-run"],
                "makemigrations --check",
            ),
        ):
            done = django_run.run_manage(project, argv, args.settings, python=args.python)
            record.commands.append(
                Command(django_run.command_line(done.argv, project.root), done.returncode)
            )
            reporter.event("$ %s" % record.commands[-1].line)
            reporter.block(done.output)
            if not done.ok:
                raise CheckFailed(
                    "%s failed after removing the transition code: %s" % (what, done.last_error())
                )
        groups = [(sorted(plan.deletes), describe.commit_message(record))]
        if record.rename_migration:
            groups.append(
                (sorted(plan.edits) + record.migrations, describe.rename_commit_message(record))
            )
        deliver.build(delivery, plan, [(paths, message) for paths, message in groups if paths])
        description = describe.description_path(
            record, git.git_dir(project.root) if in_git else None
        )
        rollback.on_failure(
            "the pull-request description", lambda: description.unlink(missing_ok=True)
        )
        describe.write_description(record, description)
        rollback.on_failure("the branch %s" % delivery.branch, lambda: deliver.unpublish(delivery))
        deliver.publish(delivery)
    return description


def _migration_files(app: detect.SwappedApp) -> set[Path]:
    return set((app.folder / "migrations").glob("[0-9]*.py"))


def _removal_of_new_migrations(app: detect.SwappedApp):
    before = _migration_files(app)

    def remove() -> None:
        for path in _migration_files(app) - before:
            path.unlink(missing_ok=True)

    return remove


def _make_rename_migration(
    args, project: Project, record: describe.Record, reporter: Reporter
) -> list[str]:
    """Django's makemigrations writes the AlterModelTable; it must be the migration's one operation."""
    app = record.app
    name = record.rename_migration.partition(".")[2]
    before = _migration_files(app)
    done = django_run.run_manage(
        project,
        ["makemigrations", app.label, "--name", name.split("_", 1)[1]],
        args.settings,
        python=args.python,
    )
    record.commands.append(
        Command(django_run.command_line(done.argv, project.root), done.returncode)
    )
    reporter.event("$ %s" % record.commands[-1].line)
    reporter.block(done.output)
    created = sorted(project.rel(p) for p in _migration_files(app) - before)
    if not done.ok:
        raise CheckFailed("makemigrations %s failed: %s" % (app.label, done.last_error()))
    problem = rename.check_migration(project, created, name)
    if problem:
        raise CheckFailed(problem)
    style = read_style(
        project.root, app.folder.parent, frozenset({app.module.split(".")[0]}), args.python
    )
    for rel in created:
        path = project.root / rel
        path.write_text(
            format_created(project.root, rel, path.read_text(encoding="utf-8"), style),
            encoding="utf-8",
        )
        reporter.event("Created %s (by Django's makemigrations)" % rel)
    return created


def _summary(record: describe.Record, written: bool) -> str:
    removed = len(record.plan.deletes)
    head = "swap_user --finish: %s %d file%s of transition code from %s" % (
        "removed" if written else "would remove",
        removed,
        "" if removed == 1 else "s",
        record.app.module,
    )
    if record.rename_migration:
        head += "; %s auth_user to %s" % (
            "renamed" if written else "would rename",
            rename.new_table(record.app),
        )
    checked = [db for db in record.databases if db.state == "adopted"]
    head += "; %d database%s adopted" % (len(checked), "" if len(checked) == 1 else "s")
    unchecked = [db for db in record.databases if not db.checked]
    if unchecked:
        head += ", %d not checked" % len(unchecked)
    if record.notes:
        n = len(record.notes)
        head += "; %d note%s need%s a person" % (n, "" if n == 1 else "s", "s" if n == 1 else "")
    if record.delivery is not None and record.delivery.commits:
        head += "; committed on branch %s" % record.delivery.branch
    return head


def _finish(args, record: describe.Record, description: Path | None, reporter: Reporter) -> int:
    return conclude(
        args,
        record.exit_status,
        lambda: describe.dumps(describe.report(record, description)),
        reporter,
        description,
        _summary(record, written=True) if description is not None else None,
    )

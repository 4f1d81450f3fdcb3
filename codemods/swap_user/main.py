"""Command line: python -m codemods.swap_user [PATH] ... (argparse and orchestration only)."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from ..core import commands, git
from ..core.cli import (
    EXIT_CHANGES,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_REFUSED,
    Failure,
    add_writing_options,
    check_results,
    conclude,
    freeze_loaded,
    mode_of,
    reporter_for,
)
from ..core.django import DjangoFacts
from ..core.notes import Note
from ..core.plan import Plan, WriteError
from ..core.project import ProjectError, discover
from ..core.report import Reporter, show_plan
from ..core.rollback import Rollback, RollbackFailed
from ..core.style import ProjectStyle
from ..core.transform import describe as describe_transforms
from . import delivery as deliver
from . import describe, handoff, pipeline, preflight, residual
from .finish import run as finish_run
from .transforms import TRANSFORMS

EPILOG = """exit codes:
  0  done, or nothing to do
  1  --check found changes
  2  refused: nothing was written (the line says why)
  3  a later step failed (Django's makemigrations or check, a write, a commit, or Ctrl-C): the tree, the index,
     HEAD and the branches were put back as they were
"""


# What a step after the refusals raises when it fails for a reason the user can act on (not a bug of ours).
FAILURES = (Failure, WriteError, handoff.HandoffError, git.GitError, finish_run.CheckFailed)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m codemods.swap_user",
        description="Move a Django project from auth.User to a custom user model that adopts auth_user.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "path", nargs="?", default=".", help="the project's folder (the one with manage.py)"
    )
    p.add_argument(
        "--app-label", metavar="NAME", help="label of the new app (default: accounts, else users)"
    )
    add_writing_options(
        p,
        "swap-user-model",
        python_help="the project's interpreter for Django's makemigrations and check (default: a "
        "virtualenv inside the project, else this one)",
        allow_dirty_help="run even if git shows uncommitted changes (they stay uncommitted, out of the "
        "tool's commits)",
        jobs=True,
    )
    p.add_argument(
        "--finish",
        action="store_true",
        help="on a project this tool swapped: remove the transition code (the adoption step and its "
        "commands) once every database it can reach has adopted auth_user",
    )
    p.add_argument(
        "--rename-table",
        action="store_true",
        help="with --finish: also move the user model off auth_user (Django's AlterModelTable)",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    reporter = reporter_for(args)
    if args.list_transforms:
        for name, doc in describe_transforms(TRANSFORMS):
            print("%-20s %s" % (name, doc))
        return EXIT_OK
    if args.report and args.diff:
        reporter.error(
            "--report json and --diff both write to stdout: use one; nothing was changed"
        )
        return EXIT_REFUSED
    if args.jobs is not None and args.jobs < 1:
        reporter.error("--jobs must be at least 1; nothing was changed")
        return EXIT_REFUSED
    freeze_loaded()
    try:
        return _run(args, reporter)
    except (ProjectError, preflight.Refusal) as exc:
        if getattr(exc, "detail", ""):
            reporter.detail(exc.detail)
        reporter.error("%s; nothing was changed" % exc)
        return EXIT_REFUSED
    except RollbackFailed as exc:
        reporter.error(
            "%s; and putting things back failed: %s" % (_failure(exc.__cause__, args.verbose), exc)
        )
        return EXIT_FAILED
    except (Exception, KeyboardInterrupt) as exc:
        reporter.error(
            _failure(exc, args.verbose)
            + ("; the tree is as it was" if isinstance(exc, FAILURES) else "; nothing was changed")
        )
        return EXIT_FAILED


def _failure(exc: BaseException | None, verbose: bool) -> str:
    """What went wrong, in one line: the message of a failure, else an internal error (traceback with -v)."""
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted"
    if isinstance(exc, FAILURES):
        return str(exc)
    if verbose:
        traceback.print_exception(exc)
    return "internal error: %s: %s (run with -v for the traceback)" % (type(exc).__name__, exc)


def _run(args: argparse.Namespace, reporter: Reporter) -> int:
    if args.finish or args.rename_table:
        return finish_run.run(args, reporter)
    writing = not (args.check or args.diff or args.dry_run)
    project = discover(Path(args.path), args.settings)
    if project.settings_source not in (None, "--settings") and not project.settings_source.endswith(
        "manage.py"
    ):
        reporter.event(
            "Settings: %s (from %s)" % (project.settings_module, project.settings_source)
        )
    facts = None
    if writing:
        preflight.check_clean(project, args.allow_dirty)
        facts = pipeline.django_facts(project, args.settings, args.python)
    app = pipeline.choose_app(project, args.app_label, facts, args.python)
    style = pipeline.read_style(project, app, args.python)
    options = pipeline.index(project, app, style)

    progress = reporter.progress if sys.stderr.isatty() else None
    laid_out: dict[str, str] = {}  # the new app's fixed files, laid out while the pool rewrites
    rewritten = pipeline.rewrite(
        project,
        options,
        processes=args.jobs,
        progress=progress,
        meanwhile=lambda: laid_out.update(pipeline.template_files(project, app, options)),
    )
    results = rewritten.results
    check_results(
        results, reporter, preflight.Refusal, ", and it may hold a reference to auth's User"
    )
    new_app = pipeline.scaffold(project, app, options, rewritten.facts, laid_out)
    plan, notes = pipeline.plan(project, app, options, results, new_app, args.jobs)
    notes = sorted(notes + [_unreadable_note(path) for path in rewritten.selection.unreadable])
    # What the transforms left, and the files git leaves out of the change: found apart from the transforms.
    notes = sorted(
        notes
        + residual.residual_notes(project, app, plan, results, notes)
        + residual.left_out_notes(project, app)
    )
    record = describe.Record(
        project.root,
        app,
        plan,
        results,
        notes,
        mode=mode_of(args),
        manage=commands.management_command(project),
        test_commands=commands.suite_commands(project),
    )
    show_plan(reporter, plan, notes, writing, args.diff)
    if not writing:
        reporter.summary(_summary(plan, notes, app, written=False))
        record.exit_status = EXIT_CHANGES if (args.check and not plan.empty) else EXIT_OK
        return _finish(args, record, None)
    if plan.empty:
        state = (
            "already swapped to %s.User" % app.label
            if app.already_swapped
            else "no reference to auth.User"
        )
        reporter.summary("swap_user: %s; nothing to do" % state)
        return _finish(args, record, None)

    stale = plan.check_current()
    if stale:
        raise preflight.Refusal("%s changed while the tool was running" % stale[0])
    preflight.check_writable(project, plan)
    delivery = record.delivery = deliver.decide(project, args.branch, args.no_branch, plan)
    if delivery.reason:
        reporter.event(delivery.reason)
    description = _write(args, project, app, record, reporter, style, facts)
    for sha, subject in delivery.commits:
        reporter.event("Committed %s %s" % (sha, subject))
    summary = _summary(
        plan,
        notes,
        app,
        written=True,
        generated=len(record.migrations),
        branch=delivery.branch if delivery.commits else None,
    )
    return _finish(args, record, description, reporter, summary)


def _write(
    args,
    project,
    app: preflight.NewApp,
    record: describe.Record,
    reporter: Reporter,
    style: ProjectStyle,
    facts: DjangoFacts,
) -> Path:
    """Write the change, hand it to Django, commit it and describe it; if any step does not finish, undo every
    step that did (each registers its undo before it acts). Returns the description's path."""
    plan, delivery = record.plan, record.delivery
    in_git = git.is_work_tree(project.root)
    with Rollback() as rollback:
        if in_git:
            rollback.on_failure("git's index and HEAD", git.snapshot(project.root).restore)
        rollback.on_failure("the files written", plan.revert)
        plan.apply()
        rollback.on_failure(
            "the migrations Django wrote", handoff.removal_of_new_migrations(project, app)
        )
        record.migrations = handoff.run(
            project, app, args.settings, reporter, record.commands, args.python, style
        )
        for path in record.migrations:
            reporter.event("Created %s (by Django's makemigrations)" % path)
        owner = handoff.migrate_owner_note(project, app, args.settings, args.python, facts)
        if owner is not None:
            record.notes.append(owner)
            reporter.note(str(owner))
        deliver.build(delivery, plan, deliver.commit_groups(project, app, plan, record.migrations))
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


def _unreadable_note(path: str) -> Note:
    return Note(
        path,
        1,
        1,
        "cannot be decoded with the encoding its coding line (or UTF-8) names, so it was not "
        "searched for references to auth's User; fix its encoding, or check it by hand",
        "runner",
    )


def _finish(
    args,
    record: describe.Record,
    description: Path | None,
    reporter: Reporter | None = None,
    summary: str | None = None,
) -> int:
    return conclude(
        args,
        record.exit_status,
        lambda: describe.dumps(describe.report(record, description)),
        reporter,
        description,
        summary,
    )


def _summary(
    plan: Plan,
    notes: list,
    app: preflight.NewApp,
    written: bool,
    generated: int = 0,
    branch: str | None = None,
) -> str:
    edited, created, moved = (
        len(plan.edits),
        len(plan.creates) - len(plan.moves) + generated,
        len(plan.moves),
    )
    notes = residual.needs_person(notes)
    head = "swap_user: %s %d file%s, %s %d" % (
        "rewrote" if written else "would rewrite",
        edited,
        "" if edited == 1 else "s",
        "created" if written else "would create",
        created,
    )
    if moved:
        head += ", %s %d" % ("moved" if written else "would move", moved)
    tail = "; %d note%s need%s a person" % (
        len(notes),
        "" if len(notes) == 1 else "s",
        "s" if len(notes) == 1 else "",
    )
    model = "; AUTH_USER_MODEL = %r" % ("%s.User" % app.label)
    where = "; committed on branch %s" % branch if branch else ""
    return head + (tail if notes else "") + model + where


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

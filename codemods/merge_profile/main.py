"""Command line: python -m codemods.merge_profile [PATH] [--profile app_label.Model] ... (argparse and
orchestration only)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core import delivery as deliver
from ..core import git
from ..core.cli import (
    EPILOG,
    EXIT_CHANGES,
    EXIT_OK,
    EXIT_REFUSED,
    Failure,
    add_writing_options,
    check_results,
    conclude,
    guarded,
    mode_of,
    module_of,
    reporter_for,
)
from ..core.plan import WriteError
from ..core.project import ProjectError, discover
from ..core.report import Reporter
from ..core.rollback import Rollback, RollbackFailed
from ..core.runner import run as run_transforms
from ..core.runner import select
from ..core.transform import describe as describe_transforms
from ..swap_user.preflight import Refusal as SwapRefusal
from ..swap_user.preflight import check_clean
from . import describe, facts, preflight
from .changes import collect, prepare
from .handoff import Handoff, HandoffError
from .transforms import TRANSFORMS

DEFAULT_BRANCH = "merge-profile"
# The commits' author when git has none configured: (name, email).
AUTHOR = ("codemods merge_profile", "merge-profile@localhost")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m codemods.merge_profile",
        description="Fold a one-to-one profile model into the project's custom user model.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "path", nargs="?", default=".", help="the project's folder (the one with manage.py)"
    )
    p.add_argument(
        "--profile", metavar="APP_LABEL.MODEL", help="the profile to merge, when there are several"
    )
    add_writing_options(p, DEFAULT_BRANCH)
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
    refusals = (preflight.Refusal, ProjectError, SwapRefusal, deliver.DeliveryRefused)
    return guarded(lambda: _run(args, reporter), reporter, args.verbose, refusals)


def _run(args: argparse.Namespace, reporter: Reporter) -> int:
    mode = mode_of(args)
    writing = mode == "write"
    project = discover(Path(args.path), args.settings)
    if writing:
        check_clean(project, args.allow_dirty)
    found, probe_run = facts.probe(project, args.settings, args.python)
    if found is None:
        reporter.detail(probe_run.output)
        raise preflight.Refusal(
            "the project's Django could not start (%s); merge_profile reads the models from it: "
            "pass --python PATH or --settings MODULE" % probe_run.last_error()
        )
    preflight.check_user(project, found)
    try:
        profile = preflight.choose(project, found, args.profile)
    except preflight.NothingToDo as done:
        record = describe.Record(None, mode=mode, state=str(done))
        reporter.summary("merge_profile: %s; nothing to do" % done)
        return _finish(args, record)
    preflight.check_profile(project, found, profile)
    merge = prepare(project, found, profile, args.python)

    selection = select(project.root, project.files, TRANSFORMS, merge.options, module_of(project))
    results = run_transforms(selection.jobs, merge.options, merge.options.style)
    check_results(results, reporter, preflight.Refusal)
    first, second = collect(merge, results)
    record = describe.Record(merge, first, second, results, mode=mode)
    verb_edit, verb_new = (
        ("Rewriting", "Creating") if writing else ("Would rewrite", "Would create")
    )
    for p in first.paths() + second.paths():
        reporter.event("%s %s" % (verb_new if p in second.creates else verb_edit, p))
    for note in merge.notes:
        reporter.note(str(note))
    if args.diff:
        sys.stdout.flush()
        sys.stdout.buffer.write(first.diff() + second.diff())
        sys.stdout.buffer.flush()
    if not writing:
        reporter.summary(_summary(record, written=False))
        record.exit_status = EXIT_CHANGES if args.check else EXIT_OK
        return _finish(args, record)

    stale = first.check_current() + second.check_current()
    if stale:
        raise preflight.Refusal("%s changed while the tool was running" % stale[0])
    delivery = record.delivery = deliver.decide(
        project.root, args.branch or DEFAULT_BRANCH, args.no_branch
    )
    if delivery.reason:
        reporter.event(delivery.reason)
    django = Handoff(project, args.settings, args.python, reporter)
    try:
        with Rollback() as rollback:
            # Each step registers its undo before it acts; a failure anywhere undoes them, the last first.
            rollback.on_failure(
                "the branch %s" % delivery.branch, lambda: deliver.abandon(delivery)
            )
            deliver.start(delivery)
            rollback.on_failure("the user's model", first.revert)
            first.apply()
            rollback.on_failure("the migrations Django wrote", django.remove_created)
            user_migration = django.add_fields(
                merge.user_app_path,
                merge.user["app_label"],
                "fields_from_%s" % merge.profile["model_name"],
                merge.user_migration,
            )
            record.migrations = [user_migration]
            rollback.on_failure("the files written", second.revert)
            second.apply()
            django.verify(merge.user["app_label"], merge.profile["app_label"])
    except (WriteError, HandoffError) as exc:
        raise Failure(str(exc)) from exc
    except RollbackFailed as exc:
        raise Failure("%s, after: %s" % (exc, exc.__cause__)) from exc
    finally:
        record.commands = list(django.commands)
    reporter.event("Created %s (by Django's makemigrations)" % user_migration)
    try:
        deliver.commit(delivery, _commit_groups(merge, second, user_migration), AUTHOR)
    except git.GitError as exc:
        reporter.error(
            "%s; the change is in the working tree, uncommitted, on branch %s"
            % (exc, delivery.branch)
        )
    for sha, subject in delivery.commits:
        reporter.event("Committed %s %s" % (sha, subject))
    return _finish(args, record, reporter)


def _commit_groups(merge, second, user_migration: str) -> list[tuple[list[str], str]]:
    """The change the way a reviewer reads it: the schema, the data and the layer, then the code."""
    user, profile = merge.user["label"], merge.profile["label"]
    layer = [merge.profile_path, *second.creates]
    rest = [p for p in second.edits if p != merge.profile_path]
    return [
        (
            [merge.user_path, user_migration],
            "Add %s's fields to %s\n\nThe same definitions as on the profile; %s is Django's own makemigrations.\n"
            "Nothing reads them yet." % (profile, user, user_migration),
        ),
        (
            sorted(layer),
            "Copy every %s's values onto its user; the profile reads and writes them there\n\n"
            "The migration copies in a fixed number of set-based statements and is reversible. The profile\n"
            "stays for one release: its moved fields are properties on the user's, and saving it saves them."
            % profile,
        ),
        (
            sorted(rest),
            "Read the moved fields on the user instead of through %s\n\nSee the pull-request description for the list "
            "by kind and what is left to a person." % profile,
        ),
    ]


def _finish(args, record: describe.Record, reporter: Reporter | None = None) -> int:
    description = None
    if record.mode == "write" and record.merge is not None:
        name = (
            record.delivery.branch if record.delivery and record.delivery.branch else DEFAULT_BRANCH
        )
        description = str(
            deliver.write_description(describe.markdown(record), record.merge.project.root, name)
        )
    return conclude(
        args,
        record.exit_status,
        lambda: describe.dumps(describe.report(record, description)),
        reporter,
        description,
        _summary(record, written=True) if description is not None else None,
    )


def _summary(record: describe.Record, written: bool) -> str:
    m = record.merge
    edited = len(record.edited())
    created = len(record.created())
    notes = len(m.notes)
    head = "merge_profile: %s %s into %s (%d field%s); %s %d file%s, %s %d" % (
        "merged" if written else "would merge",
        m.profile["label"],
        m.user["label"],
        len(m.moves),
        "" if len(m.moves) == 1 else "s",
        "rewrote" if written else "would rewrite",
        edited,
        "" if edited == 1 else "s",
        "created" if written else "would create",
        created,
    )
    if notes:
        head += "; %d note%s need%s a person" % (
            notes,
            "" if notes == 1 else "s",
            "s" if notes == 1 else "",
        )
    if record.delivery and record.delivery.commits:
        head += "; committed on branch %s" % record.delivery.branch
    return head


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

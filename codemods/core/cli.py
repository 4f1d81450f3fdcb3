"""What the commands' main modules share: the exit codes, the options of a command that writes a Plan, and
turning a failure into one line and an exit code."""

from __future__ import annotations

import argparse
import functools
import gc
import sys
import traceback
from typing import Callable

from .report import NORMAL, QUIET, VERBOSE, Reporter
from .runner import FileResult

EXIT_OK, EXIT_CHANGES, EXIT_REFUSED, EXIT_FAILED = 0, 1, 2, 3

EPILOG = """exit codes:
  0  done, or nothing to do
  1  --check found changes
  2  refused: nothing was written (the line says why)
  3  a later step failed (Django's makemigrations or check): the tree was put back as it was
"""


class Failure(Exception):
    """A step after the refusals failed; the tree is as it was."""


def add_writing_options(
    p: argparse.ArgumentParser,
    default_branch: str,
    python_help: str = "the project's interpreter for Django's commands (default: a virtualenv inside "
    "the project, else this one)",
    allow_dirty_help: str = "run even if git shows uncommitted changes",
    jobs: bool = False,
) -> None:
    """--settings, --python, the read-only modes, the branch, the report, --jobs (when the command reads the
    code in a pool), --list-transforms, -v/-q."""
    p.add_argument(
        "--settings", metavar="MODULE", help="settings module, when manage.py does not say"
    )
    p.add_argument("--python", metavar="PATH", help=python_help)
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if there are changes"
    )
    mode.add_argument(
        "--diff", action="store_true", help="write nothing; print a unified diff of every change"
    )
    mode.add_argument(
        "--dry-run", action="store_true", help="write nothing; list what would change"
    )
    p.add_argument("--allow-dirty", action="store_true", help=allow_dirty_help)
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--branch",
        metavar="NAME",
        help="the new branch for the commits (default: %s)" % default_branch,
    )
    where.add_argument(
        "--no-branch", action="store_true", help="only write the working tree; commit nothing"
    )
    p.add_argument("--report", choices=["json"], help="print a JSON report on stdout at the end")
    if jobs:
        p.add_argument(
            "--jobs",
            type=int,
            default=None,
            metavar="N",
            help="processes for the rewrite (default: cores)",
        )
    p.add_argument("--list-transforms", action="store_true", help="list the transforms and exit")
    talk = p.add_mutually_exclusive_group()
    talk.add_argument(
        "-v", "--verbose", action="store_true", help="more detail, tracebacks on errors"
    )
    talk.add_argument(
        "-q", "--quiet", action="store_true", help="only notes, errors and the summary"
    )


def reporter_for(args: argparse.Namespace) -> Reporter:
    return Reporter(VERBOSE if args.verbose else QUIET if args.quiet else NORMAL)


def mode_of(args: argparse.Namespace) -> str:
    return (
        "check" if args.check else "diff" if args.diff else "dry-run" if args.dry_run else "write"
    )


def guarded(
    run: Callable[[], int], reporter: Reporter, verbose: bool, refusals: tuple[type, ...]
) -> int:
    """run(), with every failure as one `error: ...` line and its exit code (the traceback only with -v)."""
    freeze_loaded()
    try:
        return run()
    except refusals as exc:
        reporter.error("%s; nothing was changed" % exc)
        for line in getattr(exc, "details", []):
            reporter.summary(line)
        return EXIT_REFUSED
    except Failure as exc:
        reporter.error("%s; the tree is as it was" % exc)
        return EXIT_FAILED
    except KeyboardInterrupt:
        reporter.error("interrupted; nothing was changed")
        return EXIT_FAILED
    except Exception as exc:  # a bug of ours: one line, the traceback with -v
        if verbose:
            traceback.print_exc()
        reporter.error(
            "internal error: %s: %s; nothing was changed (run with -v for the traceback)"
            % (type(exc).__name__, exc)
        )
        return EXIT_FAILED


@functools.cache
def freeze_loaded() -> None:
    """What the process has loaded by the time a command runs (the modules of Django, LibCST, black) lives as long
    as the process: the cyclic collector leaves it out of its full collections from then on (once a process),
    which saves it going through them again and again while the files are rewritten."""
    gc.freeze()


def check_results(
    results: list[FileResult], reporter: Reporter, refusal: type, why: str = ""
) -> None:
    """A file some transform wanted must parse (`why` says what it may hold), and a transform that crashed stops
    the run."""
    broken = [r for r in results if r.error is not None]
    if broken:
        more = " (and %d more files)" % (len(broken) - 1) if len(broken) > 1 else ""
        raise refusal("%s:%s: does not parse%s%s" % (broken[0].path, broken[0].error, why, more))
    crashed = [r for r in results if r.crash is not None]
    if crashed:
        for r in crashed:
            reporter.detail(r.crash)
        where, _, trace = crashed[0].crash.partition(": ")
        last = trace.strip().splitlines()[-1] if trace.strip() else "?"
        raise Failure(
            "internal error in transform %s on %s: %s (run with -v for the traceback)"
            % (where, crashed[0].path, last)
        )


def module_of(project) -> Callable[[str], tuple[str | None, bool]]:
    """path -> (dotted module, is a package), as the runner's select() asks."""

    def find(path: str) -> tuple[str | None, bool]:
        return project.module_name(project.root / path), path.endswith("__init__.py")

    return find


def conclude(
    args: argparse.Namespace,
    exit_status: int,
    json_report: Callable[[], str],
    reporter: Reporter | None = None,
    description: object | None = None,
    summary: str | None = None,
) -> int:
    """The end of every run: where the pull-request description is and the summary (shown even with -q), then
    the JSON report on stdout with --report json; returns the exit status."""
    if reporter is not None and description is not None:
        reporter.summary("Pull-request description: %s" % description)
    if reporter is not None and summary:
        reporter.summary(summary)
    if args.report == "json":
        sys.stdout.write(json_report())
        sys.stdout.flush()
    return exit_status

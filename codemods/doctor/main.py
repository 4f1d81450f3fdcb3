"""Command line: python -m codemods.doctor [PATH] ... (argparse and orchestration only)."""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from ..core.project import ProjectError, discover
from ..core.report import NORMAL, QUIET, VERBOSE, Reporter
from . import fix as fixes
from .checks import FAMILIES
from .context import Context, Skipped
from .findings import CODES, ERROR, INFO, NEEDS_DJANGO, SEVERITIES, WARNING, Finding, broken

EXIT_OK, EXIT_FOUND, EXIT_UNUSABLE, EXIT_INTERNAL = 0, 1, 2, 3

EPILOG = """exit codes:
  0  nothing is wrong (info lines may remain)
  1  an error or a warning was found
  2  not a Django project the doctor can read (the line says why)
  3  internal error of the doctor (run with -v for the traceback)
"""


@dataclass
class Diagnosis:
    ctx: Context
    findings: list[Finding]
    skipped: list[Skipped] = field(default_factory=list)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m codemods.doctor",
        description="Diagnose a Django project whose user model is broken, half-swapped, or about to be swapped.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "path", nargs="?", default=".", help="the project's folder (the one with manage.py)"
    )
    p.add_argument(
        "--settings", metavar="MODULE", help="settings module, when manage.py does not say"
    )
    p.add_argument(
        "--format", choices=["text", "json"], default="text", help="output format (default: text)"
    )
    p.add_argument(
        "--fix",
        action="store_true",
        help="hand the fixable findings to swap_user and to the adoption step, then diagnose again",
    )
    p.add_argument(
        "--allow-dirty",
        action="store_true",
        help="with --fix: let swap_user run on uncommitted changes",
    )
    p.add_argument(
        "--static", action="store_true", help="only the checks that read files: never start Django"
    )
    p.add_argument(
        "--python",
        metavar="PATH",
        help="the project's interpreter, for the checks that start its Django (default: a virtualenv "
        "in the project, else this one)",
    )
    p.add_argument(
        "--jobs", type=int, default=None, metavar="N", help="processes for reading the code"
    )
    p.add_argument("--list-checks", action="store_true", help="list the finding codes and exit")
    talk = p.add_mutually_exclusive_group()
    talk.add_argument(
        "-v", "--verbose", action="store_true", help="Django's output when it fails; tracebacks"
    )
    talk.add_argument(
        "-q", "--quiet", action="store_true", help="only the findings and the summary"
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    reporter = Reporter(VERBOSE if args.verbose else QUIET if args.quiet else NORMAL)
    if args.list_checks:
        for code, line in CODES.items():
            print("%s  %s" % (code, line))
        return EXIT_OK
    try:
        found = diagnose(
            Path(args.path), args.settings, not args.static, args.jobs, reporter, args.python
        )
        fixed: list[str] = []
        not_fixed = None  # why --fix had nothing to hand over
        if args.fix and any(f.fixer for f in found.findings):
            fixed = fixes.apply(found.ctx, found.findings, args.allow_dirty, reporter, args.quiet)
            found = diagnose(
                Path(args.path), args.settings, not args.static, args.jobs, reporter, args.python
            )
        elif args.fix and broken(found.findings):
            not_fixed = fixes.nothing_to_hand_over(found.ctx, found.findings)
    except ProjectError as exc:
        reporter.error(str(exc))
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        reporter.error("interrupted")
        return EXIT_INTERNAL
    except Exception as exc:  # a bug of ours: one line, the traceback with -v
        if args.verbose:
            traceback.print_exc()
        reporter.error(
            "internal error: %s: %s (run with -v for the traceback)" % (type(exc).__name__, exc)
        )
        return EXIT_INTERNAL
    if args.format == "json":
        sys.stdout.write(json.dumps(as_json(found, fixed, not_fixed), indent=2) + "\n")
    else:
        write_text(found, fixed, args.fix, not_fixed)
    return EXIT_FOUND if broken(found.findings) else EXIT_OK


def diagnose(
    path: Path,
    settings: str | None,
    use_django: bool = True,
    jobs: int | None = None,
    reporter: Reporter | None = None,
    python: str | None = None,
) -> Diagnosis:
    project = discover(path, settings)
    ctx = Context(project, settings, jobs, python)
    if use_django:
        ctx.start_django()
        if ctx.django is None and reporter is not None and ctx.django_run is not None:
            reporter.detail(ctx.django_run.output)
    else:
        ctx.skip(("D001",) + NEEDS_DJANGO, "--static: Django was not started")
        ctx.note_static_limits()
    findings: list[Finding] = []
    for family in FAMILIES:
        findings.extend(family.check(ctx))
    unique = list(dict.fromkeys(findings))
    return Diagnosis(ctx, sorted(unique, key=Finding.sort_key), ctx.skipped)


# -- output ---------------------------------------------------------------------------------------------


def summary(found: Diagnosis) -> str:
    counts = {s: sum(1 for f in found.findings if f.severity == s) for s in SEVERITIES}
    if counts[ERROR] or counts[WARNING] or counts[INFO]:
        head = "doctor: %s" % ", ".join(
            "%d %s%s" % (counts[s], s, "" if counts[s] == 1 else "s")
            for s in SEVERITIES
            if counts[s]
        )
    else:
        head = "doctor: nothing wrong"
    ctx = found.ctx
    setting = ctx.setting if ctx.setting is not None else "(computed at run time)"
    tail = "; AUTH_USER_MODEL = %s" % setting
    if ctx.setting is not None and not ctx.swapped:
        scan = ctx.scan
        tail += "; swap_user would rewrite %d reference%s in %d file%s and create the app %s" % (
            scan.changes,
            "" if scan.changes == 1 else "s",
            scan.files_changed,
            "" if scan.files_changed == 1 else "s",
            ctx.swap_app.label,
        )
    if ctx.django is not None:
        tail += "; Django %s" % ctx.django.get("django")
    return head + tail


def write_text(found: Diagnosis, fixed: list[str], fixing: bool, not_fixed: str | None) -> None:
    out = sys.stdout
    for line in fixed:
        out.write("fixed: %s\n" % line)
    if not_fixed:
        out.write("fixed: nothing; %s\n" % not_fixed)
    for finding in found.findings:
        out.write("%s\n" % finding)
    for skipped in found.skipped:
        out.write("skipped %s: %s\n" % (", ".join(skipped.codes), skipped.reason))
    fixable = sum(1 for f in found.findings if f.fixer)
    line = summary(found)
    if fixable and not fixing:
        line += "; %d fixable with --fix" % fixable
    out.write(line + "\n")
    out.flush()


def as_json(found: Diagnosis, fixed: list[str], not_fixed: str | None) -> dict:
    ctx = found.ctx
    counts = {s: sum(1 for f in found.findings if f.severity == s) for s in SEVERITIES}
    return {
        "project": str(ctx.project.root),
        "settings": ctx.project.settings_module,
        "auth_user_model": ctx.setting,
        "swapped": ctx.swapped,
        "django": ctx.django.get("django") if ctx.django else None,
        "findings": [f.as_dict() for f in found.findings],
        "skipped": [{"codes": list(s.codes), "reason": s.reason} for s in found.skipped],
        "fixed": fixed,
        "not_fixed": not_fixed,
        "summary": {
            "errors": counts[ERROR],
            "warnings": counts[WARNING],
            "info": counts[INFO],
            "text": summary(found),
        },
    }


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

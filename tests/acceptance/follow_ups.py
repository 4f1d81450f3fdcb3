"""What the acceptance drivers of the follow-ups (finish_rename.py, merge_profile.py) share: finding the harness,
the plain `migrate` step on the tool's database, and the end of a run (checks not reached, databases dropped, the
PASS/FAIL lines, the result file)."""

from __future__ import annotations

import datetime
import json
import os
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def load_harness(folder: str | None):
    root = Path(
        folder
        or os.environ.get("ACCEPT_HARNESS")
        # ../shared/acceptance from the repository's root, or from a folder above it (a worktree)
        or next(
            (
                p / "shared" / "acceptance"
                for p in REPO.parents
                if (p / "shared" / "acceptance").is_dir()
            ),
            REPO.parent / "shared" / "acceptance",
        )
    )
    lib = root / "lib"
    if not (lib / "harness.py").is_file():
        raise SystemExit(
            "no acceptance harness at %s: pass --harness DIR or set ACCEPT_HARNESS" % root
        )
    sys.path.insert(0, str(lib))
    import harness

    return harness


def migrate_step(run, harness, name: str) -> list[str] | None:
    """Plain `migrate` on the tool's database, recorded as check `name`: the migrations applied, None if it
    failed."""
    rc, text, secs = run.p.manage(
        ["migrate"], run.venv, run.tree, run.dbs["tool"], run.log(name), timeout=harness.scaled(900)
    )
    applied = re.findall(r"Applying (\S+)\.\.\.", text)
    adopted = re.findall(r"^Adopting auth_user .*|^  (?:Record|Rename) .*", text, re.M)
    if rc:
        run.record(
            name,
            "FAIL",
            "plain migrate exited %s: %s (log %s)" % (rc, harness.error_line(text), run.log(name)),
        )
        return None
    run.record(
        name,
        "PASS",
        "plain migrate on the tool's database exited 0 in %.1fs%s, applied %d migration(s)%s"
        % (
            secs,
            " (%s)" % "; ".join(a.strip() for a in adopted) if adopted else "",
            len(applied),
            ": " + ", ".join(applied[:6]) if applied else "",
        ),
        applied=applied,
    )
    return applied


def run_checks(run, checks) -> None:
    """Each (name, function) in turn; one broken check must not hide the others."""
    for name, fn in checks:
        try:
            fn()
        except Exception as exc:
            run.record(name, "FAIL", "driver error: %s: %s" % (type(exc).__name__, exc))


def conclude(
    run,
    checks: list[str],
    failed: str | None,
    started: float,
    what: str,
    result_file: str,
    extra: dict | None = None,
    after_lines=None,
) -> int:
    """The end of a run: checks not reached fail with `failed`, the databases go, one line per check and the
    summary line, the result JSON in the run folder; 0 when every check passed."""
    for name in checks:
        if name not in run.results:
            run.record(name, "FAIL", "not evaluated: %s" % failed)
    for handle in set(run.dbs.values()):
        if run.db.kind != "sqlite" and not os.environ.get("ACCEPT_KEEP"):
            try:
                run.db.drop(handle)
            except RuntimeError:
                pass
    passed = sum(1 for n in checks if run.results[n]["status"] == "PASS")
    seconds = time.time() - started
    for n in checks:
        print("%s %s: %s" % (run.results[n]["status"], n, run.results[n]["detail"]))
    if after_lines is not None:
        after_lines()
    print(
        "%s: %d/%d checks pass (%s, %.0fs, run folder %s)"
        % (run.p.name, passed, len(checks), what, seconds, run.dir)
    )
    sys.stdout.flush()
    doc = {
        "project": run.p.name,
        **(extra or {}),
        "commit": run.p.cfg["commit"],
        "tool_src": run.tool_src,
        "run_dir": str(run.dir),
        "seconds": round(seconds, 1),
        "finished": datetime.datetime.now().isoformat(),
        "passed": passed,
        "total": len(checks),
        "checks": [dict(name=n, **run.results[n]) for n in checks],
    }
    (run.dir / result_file).write_text(json.dumps(doc, indent=1, default=str))
    return 0 if passed == len(checks) else 1

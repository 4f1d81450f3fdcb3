"""Acceptance of `merge_profile` on the real projects of the acceptance harness.

For each project named on the command line (as NAME:APP_LABEL.MODEL, or NAME alone for the profile listed in
PROFILES) this does the harness's normal run (prepare, a git copy of the pristine tree, a venv layered over the
prepared one, `pip install` of this repository, `swap_user` on a copy of the pre-swap database, commit), then
`manage.py migrate` on that database, dumps (user id, value of each field) of every profile row from the profile
table, runs `merge_profile . --profile LABEL --report json` (with the `--settings` the swap was given),
commits, `makemigrations --check --dry-run`, `manage.py migrate`, and dumps the same values from the user
table: they must be equal. Then `manage.py check`,
`migrate` on an empty database, a second `merge_profile` that changes nothing, and the project's own test suite
against its baseline (the harness's comparison: no test failing that passed at baseline, as many tests ran). It
prints one `PASS|FAIL check: detail` line per check, the tool's notes, and `NAME: X/N checks pass` per project,
writes `merge-result.json` in the run folder, and exits 0 only when every check of every project passes.
Where the tool refuses a genuine clash with advice, `--hand-edits FILE.json` makes the developer's edits first
(tests/acceptance/merge_profile_edits/: wger, tandoor); the merge's PASS line says so.

Run it from the repository's root, one project at a time on a small machine:
`ACCEPT_TIMEOUT_SCALE=3 .venv/bin/python tests/acceptance/merge_profile.py babybuddy [NAME ...]`; the harness is
found as by finish_rename.py (`--harness DIR`, `$ACCEPT_HARNESS`, else `../shared/acceptance` from the
repository's root) and its variables apply. Run folders of other runs are never removed by this driver (it sets
ACCEPT_KEEP_RUNS high unless given). Not collected by pytest: it needs the harness, the snapshots and many minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import sys
import time
from pathlib import Path

from follow_ups import REPO, conclude, load_harness, migrate_step, run_checks  # noqa: E402

CHECKS = [
    "swap",
    "migrate-swap",
    "before",
    "merge",
    "pending",
    "migrate-merge",
    "values",
    "check",
    "fresh",
    "again",
    "tests",
]
PROFILES = {
    "babybuddy": "babybuddy.Settings",
    "healthchecks": "accounts.Profile",
    "djangoproject": "accounts.Profile",
    "coldfront-before": "user.UserProfile",
    "wger": "core.UserProfile",
    "tandoor": "cookbook.UserPreference",
}
PENDING = re.compile(r"changes without a migration; run `manage.py makemigrations (\w+)`")
NOTE = re.compile(
    r"^(?P<path>[^\s:]+):(?P<line>\d+):(?P<col>\d+): note: (?P<msg>.*) \[(?P<kind>\w+)\]$"
)

# Runs inside the project through `manage.py shell -c`, with MODE, LABEL, BEFORE and OUT set in front.
# before: every row of the profile as {user pk: {field: value}}, read from the profile's model (its table), for
# each concrete field but its primary key and its link to the user, and each many-to-many field (sorted pks).
# after: the same fields of the same users, read from the user model (its table).
VALUES = r"""
import json
from django.apps import apps
from django.contrib.auth import get_user_model

User = get_user_model()


def value(field, obj):
    if field.many_to_many:
        return sorted(str(pk) for pk in getattr(obj, field.name).values_list("pk", flat=True))
    try:
        return field.value_to_string(obj)
    except Exception:
        return repr(field.value_from_object(obj))


try:  # tandoor's models refuse queries outside a scope (django-scopes): read every row
    from django_scopes import scopes_disabled
except ImportError:
    import contextlib

    scopes_disabled = contextlib.nullcontext


def read():
    if MODE == "before":
        return read_before()
    return read_after()


def read_before():
    Profile = apps.get_model(LABEL)
    link = next(
        f for f in Profile._meta.local_fields
        if f.one_to_one and f.related_model is User and not f.remote_field.parent_link
    )
    fields = [f for f in Profile._meta.local_fields if f is not link and not f.primary_key]
    fields += list(Profile._meta.local_many_to_many)
    rows = {}
    for profile in Profile._default_manager.select_related(link.name).order_by("pk"):
        owner = getattr(profile, link.name)
        rows[str(owner.pk)] = {f.name: value(f, profile) for f in fields}
    return {"fields": [f.name for f in fields], "rows": rows, "users": User._default_manager.count()}


def read_after():
    before = json.load(open(BEFORE))
    names = [n for n in before["fields"] if n in FIELDS]
    fields = [User._meta.get_field(n) for n in names]
    rows = {}
    for user in User._default_manager.filter(pk__in=list(before["rows"])).order_by("pk"):
        rows[str(user.pk)] = {f.name: value(f, user) for f in fields}
    return {"fields": names, "rows": rows, "users": User._default_manager.count()}


with scopes_disabled():
    doc = read()
with open(OUT, "w") as fh:
    json.dump(doc, fh)
"""


def settings_args(tool_args: list[str]) -> list[str]:
    """The `--settings MODULE` of the project's swap_user arguments: merge_profile reads the models with the
    settings the swap was run with (wger's `settings.ci`; its manage.py's default needs a database from the
    environment). The swap's other options (`--app-label`) are not merge_profile's."""
    for i, arg in enumerate(tool_args):
        if arg == "--settings" and i + 1 < len(tool_args):
            return ["--settings", tool_args[i + 1]]
        if arg.startswith("--settings="):
            return [arg]
    return []


def compare(before: dict, after: dict, moved: list[str]) -> tuple[int, list[str]]:
    """(values compared, differences) between the profile rows and their users, for the moved fields."""
    compared, problems = 0, []
    for uid, values in sorted(before["rows"].items()):
        got = after["rows"].get(uid)
        if got is None:
            problems.append("user %s (who had a profile) not found after the merge" % uid)
            continue
        for name in moved:
            compared += 1
            if name not in values:
                problems.append("%s is not a field the profile had" % name)
            elif values[name] != got.get(name):
                problems.append(
                    "user %s: %s was %r on the profile, is %r on the user"
                    % (uid, name, values[name], got.get(name))
                )
    return compared, problems


def make_run_class(harness):
    class MergeRun(harness.Run):
        """The harness's Run, then merge_profile on the database the swap was given."""

        profile = ""
        edits: dict | None = None

        def merge_argv(self, report: bool) -> list[str]:
            argv = self.p.argv("python -m codemods.merge_profile .", self.venv)
            argv += settings_args(self.p.cfg.get("tool_args", []))
            return argv + ["--profile", self.profile] + (["--report", "json"] if report else [])

        def manage_shell(self, code: str, log: str) -> tuple[int, str]:
            argv = self.p.argv(self.p.cfg.get("manage", "python manage.py"), self.venv)
            handle = self.dbs["tool"]
            with self.db.attached(handle, self.tree):
                rc, text, _ = harness.run_cmd(
                    argv + ["shell", "-c", code],
                    self.tree,
                    self.p.env(self.venv, handle, self.tree),
                    self.log(log),
                    timeout=harness.scaled(900),
                )
            return rc, text

        def values(self, mode: str, fields: list[str] = ()) -> tuple[dict | None, str | None]:
            out = self.dir / ("values-%s.json" % mode)
            out.unlink(missing_ok=True)
            code = "MODE = %r\nLABEL = %r\nBEFORE = %r\nFIELDS = %r\nOUT = %r\n%s" % (
                mode,
                self.profile,
                str(self.dir / "values-before.json"),
                list(fields),
                str(out),
                VALUES,
            )
            rc, text = self.manage_shell(code, "values-%s" % mode)
            if rc or not out.exists():
                return None, harness.error_line(text)
            return json.loads(out.read_text()), None

        # ------------------------------------------------------------ steps
        def step_migrate(self, name: str) -> bool:
            return migrate_step(self, harness, name) is not None

        def step_before(self) -> bool:
            doc, err = self.values("before")
            if doc is None:
                self.record("before", "FAIL", "reading the profile rows failed: %s" % err)
                return False
            self.before = doc
            self.record(
                "before",
                "PASS",
                "%d profile row(s) of %s (for %d user(s)), fields: %s"
                % (len(doc["rows"]), self.profile, doc["users"], ", ".join(doc["fields"])),
            )
            return True

        def hand_edits(self) -> bool:
            """The edits a developer makes before the merge when the tool refuses (a name clash it cannot
            settle): each replaces one exact text of a file, once; committed on their own."""
            if not self.edits:
                return True
            for edit in self.edits["edits"]:
                path = self.tree / edit["path"]
                text = path.read_text() if path.is_file() else ""
                if text.count(edit["old"]) != 1:
                    self.record(
                        "merge",
                        "FAIL",
                        "hand edit: %r occurs %d time(s) in %s, not once"
                        % (edit["old"], text.count(edit["old"]), edit["path"]),
                    )
                    return False
                path.write_text(text.replace(edit["old"], edit["new"]))
            self.git("add", "-A")
            self.git("commit", "-q", "-m", "by hand before merge_profile: %s" % self.edits["why"])
            return True

        def step_merge(self) -> bool:
            if not self.hand_edits():
                return False
            self.swap_rev = self.git("rev-parse", "HEAD").strip()
            self.asked: list[str] = []
            rc, text, secs = self._merge()
            asked = PENDING.search(text) if rc == 2 else None
            if asked:
                # The tool refuses a profile or user app with model changes that have no migration, and says
                # which command writes it: do what it says, as a developer would, commit, and run it again.
                app = asked.group(1)
                mrc, mtext, _ = self.p.manage(
                    ["makemigrations", app, "--noinput"],
                    self.venv,
                    self.tree,
                    self.dbs["tool"],
                    self.log("makemigrations"),
                )
                if mrc:
                    self.record(
                        "merge",
                        "FAIL",
                        "the merge asked for `makemigrations %s`, which exited %s: %s"
                        % (app, mrc, harness.error_line(mtext)),
                    )
                    return False
                self.asked = re.findall(r"^\s+(\S+/migrations/\S+\.py)$", mtext, re.M)
                self.git("add", "-A")
                self.git("commit", "-q", "-m", "makemigrations %s (asked by merge_profile)" % app)
                rc, text, secs = self._merge()
            return self._merged(rc, text, secs)

        def _merge(self) -> tuple[int, str, float]:
            report = self.dir / "merge-report.json"
            report.unlink(missing_ok=True)
            cmd = " ".join(shlex.quote(a) for a in self.merge_argv(True))
            with self.db.attached(self.dbs["tool"], self.tree):
                rc, text, secs = harness.run_cmd(
                    "%s > %s" % (cmd, shlex.quote(str(report))),
                    self.tree,
                    self.p.env(self.venv, self.dbs["tool"], self.tree),
                    self.log("merge-1"),
                    timeout=harness.scaled(900),
                    shell=True,
                )
            try:
                self.report = json.loads(report.read_text())
            except (OSError, ValueError):
                self.report = {}
            return rc, text, secs

        def _merged(self, rc: int, text: str, secs: float) -> bool:
            self.git("add", "-A")
            self.git("commit", "-q", "--allow-empty", "-m", "merge_profile")
            commits = self.git("log", "--format=%h %s", "%s..HEAD" % self.swap_rev).splitlines()
            files = self.git("diff", "--name-status", self.swap_rev, "HEAD").splitlines()
            (self.dir / "merge.diff").write_text(self.git("diff", self.swap_rev, "HEAD"))
            self.notes = self.report.get("notes") or [
                m.groupdict() for m in map(NOTE.match, text.splitlines()) if m
            ]
            self.moved = [f["name"] for f in self.report.get("fields", [])]
            if rc:
                self.record(
                    "merge",
                    "FAIL",
                    "exit %s in %.1fs: %s (log %s)"
                    % (rc, secs, harness.error_line(text), self.log("merge-1")),
                )
                return False
            self.record(
                "merge",
                "PASS",
                "%s%sexit 0 in %.1fs; moved %s; %d note(s); %d commit(s); %d file(s): %s"
                % (
                    (
                        "after hand edits (%d: %s): "
                        % (len(self.edits["edits"]), self.edits["why"])
                        if self.edits
                        else ""
                    ),
                    (
                        "after `makemigrations` it asked for (%s): " % ", ".join(self.asked)
                        if self.asked
                        else ""
                    ),
                    secs,
                    ", ".join(self.moved) or "nothing",
                    len(self.notes),
                    len(commits),
                    len(files),
                    ", ".join(f.replace("\t", " ") for f in files[:30]),
                ),
                seconds=round(secs, 1),
                commits=commits,
                notes=self.notes,
            )
            return True

        def check_values(self) -> None:
            after, err = self.values("after", self.moved)
            if after is None:
                return self.record("values", "FAIL", "reading the users failed: %s" % err)
            compared, problems = compare(self.before, after, self.moved)
            left = sorted(set(self.before["fields"]) - set(self.moved))
            if problems:
                return self.record(
                    "values",
                    "FAIL",
                    "%d of %d value(s) differ: %s"
                    % (len(problems), compared, "; ".join(problems[:6])),
                    compared=compared,
                )
            self.record(
                "values",
                "PASS",
                "%d profile row(s) x %d moved field(s) = %d value(s) compared, all equal on the users%s"
                % (
                    len(self.before["rows"]),
                    len(self.moved),
                    compared,
                    "; fields of the profile not moved: %s" % ", ".join(left) if left else "",
                ),
                compared=compared,
                equal=compared,
            )

        def check_again(self) -> None:
            rc, text, secs = self._tool(self.merge_argv(False), "merge-2")
            status = self.git("status", "--porcelain", "--untracked-files=all").splitlines()
            self.git("reset", "-q", "--hard", "HEAD")
            self.git("clean", "-q", "-fd")
            said = harness.last_line(text, r"merge_profile")
            if rc or status:
                return self.record(
                    "again",
                    "FAIL",
                    "second merge_profile exited %s (%s), changed %d path(s)%s (log %s)"
                    % (
                        rc,
                        said,
                        len(status),
                        ": " + "; ".join(s.strip() for s in status[:6]) if status else "",
                        self.log("merge-2"),
                    ),
                )
            self.record(
                "again",
                "PASS",
                "second merge_profile exited 0 in %.1fs: %s; the tree is unchanged" % (secs, said),
            )

        # ------------------------------------------------------------ driver
        def execute_merge(self) -> int:
            t0 = time.time()
            self.baseline = self.p.prepare()
            self.setup(self.baseline)
            self.swapped = True
            self.upgraded = False
            self.notes: list[dict] = []
            failed = None
            try:
                if not self.check_tool():
                    failed = "the tool could not be installed"
                self.results["swap"] = self.results.pop("tool")
                if failed is None and self.results["swap"]["status"] != "PASS":
                    failed = "the swap failed"
                if failed is None and not self.step_migrate("migrate-swap"):
                    failed = "migrate after the swap failed"
                if failed is None and not self.step_before():
                    failed = "the profile rows could not be read"
                if failed is None and not self.step_merge():
                    failed = "the merge failed"
                if failed is None:
                    self.check_pending()
                    if not self.step_migrate("migrate-merge"):
                        failed = "migrate after the merge failed"
                    else:
                        self.dbs["up"] = self.dbs["tool"]
                        self.upgraded = True
                if failed is None:
                    run_checks(
                        self,
                        (
                            ("values", self.check_values),
                            ("check", self.check_check),
                            ("fresh", self.check_fresh),
                            ("again", self.check_again),
                            ("tests", self.check_tests),
                        ),
                    )
            except Exception as exc:
                failed = "driver error: %s: %s" % (type(exc).__name__, exc)

            def print_notes() -> None:
                print("notes the tool left (%d):" % len(self.notes))
                for note in self.notes:
                    print(
                        "  %s:%s: %s [%s]"
                        % (
                            note.get("path"),
                            note.get("line"),
                            note.get("message") or note.get("msg"),
                            note.get("transform") or note.get("kind"),
                        )
                    )

            return conclude(
                self,
                CHECKS,
                failed,
                t0,
                "merge_profile --profile %s" % self.profile,
                "merge-result.json",
                extra={"profile": self.profile, "notes": self.notes},
                after_lines=print_notes,
            )

    return MergeRun


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "names", nargs="+", help="NAME or NAME:APP_LABEL.MODEL (projects of projects.json)"
    )
    ap.add_argument(
        "--harness",
        help="the acceptance folder (default: $ACCEPT_HARNESS, else "
        "../shared/acceptance from the repository's root)",
    )
    ap.add_argument(
        "--tool-src", default=str(REPO), help="what pip installs (default: this repository)"
    )
    ap.add_argument(
        "--hand-edits",
        metavar="FILE.json",
        help='edits made by hand after the swap, before the merge, committed on their own: {"why": ..., '
        '"edits": [{"path": ..., "old": ..., "new": ...}]} (each old text must occur once); for a project '
        "the tool refuses with advice to follow first (tests/acceptance/merge_profile_edits/)",
    )
    args = ap.parse_args(argv)
    edits = json.loads(Path(args.hand_edits).read_text()) if args.hand_edits else None
    os.environ.setdefault("ACCEPT_KEEP_RUNS", "1000")  # never remove another run's folder
    harness = load_harness(args.harness)
    run_class = make_run_class(harness)
    tool_src = (
        str(Path(args.tool_src).resolve()) if os.path.exists(args.tool_src) else args.tool_src
    )
    rc, summary = 0, []
    for spec in args.names:
        name, _, profile = spec.partition(":")
        profile = profile or PROFILES.get(name)
        if not profile:
            raise SystemExit("no profile known for %s: pass %s:APP_LABEL.MODEL" % (name, name))
        harness.say(
            "=== %s: swap, migrate, merge_profile --profile %s, migrate ===" % (name, profile)
        )
        run = run_class(harness.Project(name), tool_src)
        run.profile = profile
        run.edits = edits
        rc = run.execute_merge() or rc
        summary.append(
            "%s: %d/%d checks pass"
            % (name, sum(r["status"] == "PASS" for r in run.results.values()), len(CHECKS))
        )
    if len(args.names) > 1:
        print("\n".join(["== summary =="] + summary))
    return rc


if __name__ == "__main__":
    sys.exit(main())

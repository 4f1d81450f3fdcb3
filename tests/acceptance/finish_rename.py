"""Acceptance of `swap_user --finish --rename-table` on the real projects of the acceptance harness.

For each project named on the command line this does the harness's normal run (prepare, a git copy of the
pristine tree, a venv layered over the prepared one, `pip install` of this repository, `swap_user` on a copy of
the pre-swap database, commit), then `manage.py migrate` on that database, `swap_user . --finish --rename-table`
(with the swap run's extra arguments but `--app-label`, which the finish refuses), commit,
`makemigrations --check --dry-run`, `manage.py migrate`, and checks the result with the harness's own machinery:
the data digests against the pre-swap snapshot (the harness's comparison and exclusions, with the renamed tables'
names mapped), the user table and every foreign key to it by schema introspection, `manage.py check`, `migrate`
on an empty database, a second `--finish --rename-table` that finds nothing to do, and the project's own test
suite against its baseline. It prints one `PASS|FAIL|SKIP check: detail` line per check and `NAME: X/N checks
pass` per project, and exits 0 only when every check of every project passes. Run it from the repository's root,
one project at a time on a small machine:
`ACCEPT_TIMEOUT_SCALE=3 .venv/bin/python tests/acceptance/finish_rename.py healthchecks [NAME ...]`; the harness
is found with `--harness DIR`, else `$ACCEPT_HARNESS`, else `../shared/acceptance` from the repository's root,
and its variables (ACCEPT_WORK, ACCEPT_MIRROR, ...) apply; `--tool-src` installs something else than this
repository. Not collected by pytest: it needs the harness, the projects' snapshots and many minutes.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import time
from pathlib import Path

from follow_ups import REPO, conclude, load_harness, migrate_step, run_checks  # noqa: E402

CHECKS = [
    "swap",
    "migrate-swap",
    "finish",
    "pending",
    "migrate-finish",
    "data",
    "table",
    "check",
    "fresh",
    "again",
    "tests",
]

# Runs inside the project through `manage.py shell -c`: every foreign key the database's schema declares, as
# {"table.column": referenced table}, and the tables there are. Schema only, never the models.
SCHEMA = """
import json
from django.db import connection
with connection.cursor() as cur:
    names = sorted(connection.introspection.table_names(cur))
    fks = {}
    for t in names:
        try:
            rels = connection.introspection.get_relations(cur, t)
        except Exception:
            continue
        for col, rel in rels.items():
            fks["%s.%s" % (t, col)] = rel[1]
with open(OUT, "w") as fh:
    json.dump({"tables": names, "fks": fks}, fh)
"""


def finish_args(tool_args: list[str]) -> list[str]:
    """The swap run's extra arguments without `--app-label NAME`: the finish reads the label from
    AUTH_USER_MODEL and refuses the option."""
    out, args = [], list(tool_args)
    while args:
        a = args.pop(0)
        if a == "--app-label":
            args[:1] = []
        elif not a.startswith("--app-label="):
            out.append(a)
    return out


def make_run_class(harness):
    class FinishRun(harness.Run):
        """The harness's Run, then the finish with the rename on the database the swap was given."""

        def finish_argv(self) -> list[str]:
            return (
                self.p.argv("python -m codemods.swap_user .", self.venv)
                + finish_args(self.p.cfg.get("tool_args", []))
                + ["--finish", "--rename-table"]
            )

        def schema(self, handle: str, name: str) -> tuple[dict | None, str | None]:
            out = self.dir / ("schema-%s.json" % name)
            out.unlink(missing_ok=True)
            code = "OUT = %r\n%s" % (str(out), SCHEMA)
            argv = self.p.argv(self.p.cfg.get("manage", "python manage.py"), self.venv)
            with self.db.attached(handle, self.tree):
                rc, text, _ = harness.run_cmd(
                    argv + ["shell", "-c", code],
                    self.tree,
                    self.p.env(self.venv, handle, self.tree),
                    self.log("table"),
                    timeout=900,
                )
            if rc or not out.exists():
                return None, harness.error_line(text)
            return json.loads(out.read_text()), None

        # ------------------------------------------------------------ steps
        def step_migrate(self, name: str) -> list[str] | None:
            return migrate_step(self, harness, name)

        def step_finish(self) -> bool:
            self.swap_rev = self.git("rev-parse", "HEAD").strip()
            rc, text, secs = self._tool(self.finish_argv(), "finish-1")
            self.git("add", "-A")
            self.git("commit", "-q", "--allow-empty", "-m", "swap_user --finish --rename-table")
            commits = self.git("log", "--format=%h %s", "%s..HEAD" % self.swap_rev).splitlines()
            files = self.git("diff", "--name-status", self.swap_rev, "HEAD").splitlines()
            (self.dir / "finish.diff").write_text(self.git("diff", self.swap_rev, "HEAD"))
            summary = harness.last_line(text, r"swap_user --finish")
            if rc:
                self.record(
                    "finish",
                    "FAIL",
                    "exit %s in %.1fs: %s (log %s)"
                    % (rc, secs, harness.error_line(text), self.log("finish-1")),
                )
                return False
            self.record(
                "finish",
                "PASS",
                "exit 0 in %.1fs; %s; %d commit(s); files: %s"
                % (secs, summary, len(commits), ", ".join(f.replace("\t", " ") for f in files)),
                seconds=round(secs, 1),
                commits=commits,
            )
            return True

        def check_renamed_data(self) -> None:
            """The harness's data check on the renamed database: the pre-swap snapshot's foreign-key columns
            in auth_user's many-to-many tables are looked up under the tables' new names."""
            doc, err = self.p.inproject(
                "scaffold",
                self.venv,
                self.tree,
                self.dbs["tool"],
                self.log("data"),
                self.dir / "scaffold-after.json",
            )
            if doc is None or doc.get("error"):
                return self.record(
                    "data", "FAIL", "reading the user model failed: %s" % (err or doc["error"])
                )
            self.model = doc
            pre = self.baseline["snapshot"]
            renamed = {pre["user_table"]: doc["db_table"]}
            for field, table in pre.get("m2m_tables", {}).items():
                if field in doc.get("m2m", {}):
                    renamed[table] = doc["m2m"][field][0]
            self.renamed = {a: b for a, b in renamed.items() if a != b}

            def moved(key: str) -> str:
                table, _, column = key.partition(".")
                return "%s.%s" % (self.renamed.get(table, table), column)

            original = self.baseline
            mapped = copy.deepcopy(original)
            snap = mapped["snapshot"]
            snap["fk_columns"] = {moved(k): v for k, v in snap["fk_columns"].items()}
            mapped["unstable"] = [
                "fk_columns:" + moved(u[len("fk_columns:") :]) if u.startswith("fk_columns:") else u
                for u in mapped.get("unstable", [])
            ]
            self.dbs["up"] = self.dbs["tool"]
            self.upgraded = True
            self.baseline = mapped
            try:
                self.check_data()
            finally:
                self.baseline = original
            result = self.results["data"]
            unstable = set(original.get("unstable", []))
            counts = [
                v
                for k, v in pre["counts"].items()
                if isinstance(v, int) and "counts:" + k not in unstable
            ]
            fks = [v for k, v in pre["fk_columns"].items() if "fk_columns:" + k not in unstable]
            digests = [k for k in pre["digests"] if "digests:" + k not in unstable]
            rows = sum(counts) + sum(v["non_null"] for v in fks)
            result["detail"] += "; %d rows and FK values compared, %d digests; renamed: %s" % (
                rows,
                len(digests) + len(fks),
                ", ".join("%s -> %s" % kv for kv in sorted(self.renamed.items())) or "none",
            )

        def check_table(self) -> None:
            """The user table is `<label>_user`, auth_user and its M2M tables are gone, and every foreign key
            the pre-swap schema pointed at auth_user now points at the new table (schema introspection).
            """
            model = getattr(self, "model", None)
            if model is None:
                return self.record("table", "FAIL", "not evaluated: the user model was not read")
            want = "%s_user" % self.p.label
            problems = []
            if model["db_table"] != want:
                problems.append(
                    "the user model's table is %r, expected %r" % (model["db_table"], want)
                )
            pre_copy = self.db.handle(self.dir, "preschema")
            self.dbs["preschema"] = pre_copy
            self.db.copy(self.baseline["pre_db"], pre_copy)
            before, err = self.schema(pre_copy, "pre")
            self.db.drop(pre_copy)
            if before is None:
                return self.record("table", "FAIL", "introspecting the pre-swap database: %s" % err)
            after, err = self.schema(self.dbs["tool"], "after")
            if after is None:
                return self.record("table", "FAIL", "introspecting the renamed database: %s" % err)
            old_tables = {"auth_user", "auth_user_groups", "auth_user_user_permissions"}
            left = sorted(old_tables & set(after["tables"]))
            if left:
                problems.append("still in the database: %s" % ", ".join(left))
            if want not in after["tables"]:
                problems.append("no table %s in the database" % want)
            expected = {}
            for key, target in before["fks"].items():
                if target == "auth_user":
                    table, _, column = key.partition(".")
                    expected["%s.%s" % (self.renamed.get(table, table), column)] = want
            actual = {k: v for k, v in after["fks"].items() if v in old_tables | {want}}
            for key in sorted(set(expected) | set(actual)):
                if expected.get(key) != actual.get(key):
                    problems.append(
                        "%s references %s (expected %s)"
                        % (key, actual.get(key, "nothing"), expected.get(key, "no user table"))
                    )
            to_old = sorted(k for k, v in after["fks"].items() if v in old_tables)
            if to_old:
                problems.append("foreign keys to the old tables: %s" % ", ".join(to_old[:6]))
            if problems:
                return self.record(
                    "table",
                    "FAIL",
                    "; ".join(problems[:8])
                    + (" (+%d more)" % (len(problems) - 8) if len(problems) > 8 else ""),
                )
            self.record(
                "table",
                "PASS",
                "user table %s (auth_user, auth_user_groups, auth_user_user_permissions gone); all %d "
                "foreign key(s) that referenced auth_user in the pre-swap schema reference %s, none "
                "references an old table" % (want, len(expected), want),
            )

        def check_again(self) -> None:
            rc, text, secs = self._tool(self.finish_argv(), "finish-2")
            status = self.git("status", "--porcelain", "--untracked-files=all").splitlines()
            self.git("reset", "-q", "--hard", "HEAD")
            self.git("clean", "-q", "-fd")
            said = harness.last_line(text, r"nothing to do")
            if rc or status or "nothing to do" not in said:
                return self.record(
                    "again",
                    "FAIL",
                    "second --finish --rename-table exited %s (%s), changed %d path(s)%s (log %s)"
                    % (
                        rc,
                        said,
                        len(status),
                        ": " + "; ".join(s.strip() for s in status[:6]) if status else "",
                        self.log("finish-2"),
                    ),
                )
            self.record(
                "again",
                "PASS",
                "second --finish --rename-table exited 0 in %.1fs: %s; the tree is unchanged"
                % (secs, said),
            )

        # ------------------------------------------------------------ driver
        def execute_finish(self) -> int:
            t0 = time.time()
            self.baseline = self.p.prepare()
            self.setup(self.baseline)
            self.swapped = True
            self.upgraded = False
            failed = None
            try:
                if not self.check_tool():
                    failed = "the tool could not be installed"
                self.results["swap"] = self.results.pop("tool")
                if failed is None and self.results["swap"]["status"] != "PASS":
                    failed = "the swap failed"
                if failed is None and self.step_migrate("migrate-swap") is None:
                    failed = "migrate after the swap failed"
                if failed is None and not self.step_finish():
                    failed = "the finish failed"
                if failed is None:
                    self.check_pending()
                    if self.step_migrate("migrate-finish") is None:
                        failed = "migrate after the finish failed"
                if failed is None:
                    run_checks(
                        self,
                        (
                            ("data", self.check_renamed_data),
                            ("table", self.check_table),
                            ("check", self.check_check),
                            ("fresh", self.check_fresh),
                            ("again", self.check_again),
                            ("tests", self.check_tests),
                        ),
                    )
            except Exception as exc:
                failed = "driver error: %s: %s" % (type(exc).__name__, exc)
            return conclude(self, CHECKS, failed, t0, "finish --rename-table", "finish-result.json")

    return FinishRun


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="+", help="projects of the harness's projects.json")
    ap.add_argument(
        "--harness",
        help="the acceptance folder (default: $ACCEPT_HARNESS, else "
        "../shared/acceptance from the repository's root)",
    )
    ap.add_argument(
        "--tool-src", default=str(REPO), help="what pip installs (default: this repository)"
    )
    args = ap.parse_args(argv)
    harness = load_harness(args.harness)
    run_class = make_run_class(harness)
    tool_src = (
        str(Path(args.tool_src).resolve()) if os.path.exists(args.tool_src) else args.tool_src
    )
    rc, summary = 0, []
    for name in args.names:
        harness.say("=== %s: swap, migrate, finish --rename-table, migrate ===" % name)
        run = run_class(harness.Project(name), tool_src)
        rc = run.execute_finish() or rc
        summary.append(
            "%s: %d/%d checks pass"
            % (name, sum(r["status"] == "PASS" for r in run.results.values()), len(CHECKS))
        )
    if len(args.names) > 1:
        print("\n".join(["== summary =="] + summary))
    return rc


if __name__ == "__main__":
    sys.exit(main())

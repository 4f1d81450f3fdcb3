"""Speed benchmark of swap_user's rewrite on a project, against two yardsticks measured in the same run.

    python benchmarks/rewrite.py [--project DIR | --modules N --seed S --large K] [--repeat R]
                                 [--naive-repeat R] [--jobs J] [--skip-naive] [--second]

measures the tool on any project (--project: a real tree, a folder under git with its .py files) or on one made
(or reused) with benchmarks/genproject.py under the temp folder: by default 2,500 small modules; with --large K
the same plus K modules of several thousand lines dense with references to auth's User. Each as a whole process
(interpreter start-up and imports included):

  ast    read every .py file and ast.parse it, in one process (the floor: CPython's own parser);
  tool   python -m codemods.swap_user PROJECT --dry-run --jobs J (the rewrite without Django's hand-off);
  naive  every .py file parsed with LibCST, MetadataWrapper(...).resolve(ScopeProvider) and
         QualifiedNameProvider, in J processes (what a codemod that selects nothing would cost).

The tool and the floor run in turn (ast, tool, ast, tool, ...), R pairs (default 5), so that a drift of the
machine's speed hits both alike; it prints the medians of wall and cpu time (user + system of the process and
every worker it waited for), the ratio tool/ast pair by pair and its median, naive/tool, the peak memory of the
largest single process of each run (its getrusage ru_maxrss, workers included), how many files the tool parsed
with LibCST (and how long each stage took, from an in-process run), and a verdict against the targets: the tool
within 3x of ast, at least 20x faster than naive, under 500 MB.

With --second it times the second run instead: the tool's --diff applied to a clone of the project (committed
there), then `--check` on it (exit 0: a second run changes nothing), against ast on the same clone.

Each yardstick is a command of its own, so that an outside timer can compare whole processes:

    python benchmarks/rewrite.py ast PROJECT
    python benchmarks/rewrite.py naive PROJECT [--jobs J]
    python benchmarks/rewrite.py phases PROJECT [--jobs J]     # stage times and the LibCST-parsed file count
    python benchmarks/rewrite.py profile PROJECT [-o FILE]     # cProfile of the tool in one process, by stage

Run it from the repository root (or anywhere that has no folder named `codemods` that would shadow the
package: the tool's subprocess runs with the repository root as its working folder).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import genproject  # noqa: E402

TARGET_RATIO = 3.0  # tool / ast, at most
TARGET_NAIVE = 20.0  # naive / tool, at least
TARGET_PEAK_MB = 500.0  # the largest single process of a tool run


# -- the files -------------------------------------------------------------------------------------------


def python_files(root: Path) -> list[Path]:
    """The project's .py files, as git lists them (tracked and untracked-not-ignored), largest first."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "*.py"],
            cwd=root,
            capture_output=True,
            check=True,
        ).stdout
        names = [n for n in out.decode("utf-8", "surrogateescape").split("\0") if n]
        paths = [root / n for n in names]
    except (OSError, subprocess.CalledProcessError):
        paths = [p for p in root.rglob("*.py") if ".git" not in p.parts]
    sized = [(p.stat().st_size, str(p)) for p in paths if p.is_file() and not p.is_symlink()]
    return [Path(p) for _, p in sorted(sized, reverse=True)]


# -- ast: the baseline -----------------------------------------------------------------------------------


def cmd_ast(project: Path) -> dict:
    import ast

    start = time.perf_counter()
    files = python_files(project)
    lines = size = 0
    for path in files:
        data = path.read_bytes()
        text = data.decode("utf-8")
        ast.parse(text, filename=str(path))
        lines += text.count("\n")
        size += len(data)
    seconds = time.perf_counter() - start
    return {
        "mode": "ast",
        "files": len(files),
        "lines": lines,
        "bytes": size,
        "seconds": round(seconds, 3),
    }


# -- naive: LibCST and scope metadata on every file --------------------------------------------------------


def _naive_one(path: str) -> tuple[int, str | None]:
    import libcst as cst
    from libcst.metadata import MetadataWrapper, QualifiedNameProvider, ScopeProvider

    text = Path(path).read_text(encoding="utf-8")
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        return text.count("\n"), "%s: %s" % (path, exc.message)
    wrapper = MetadataWrapper(module)
    wrapper.resolve(ScopeProvider)
    wrapper.resolve(QualifiedNameProvider)
    return text.count("\n"), None


def cmd_naive(project: Path, jobs: int) -> dict:
    import multiprocessing

    import libcst  # noqa: F401  (imported before the fork, as a codemod runner would)

    start = time.perf_counter()
    files = [str(p) for p in python_files(project)]
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:
        ctx = multiprocessing.get_context()
    lines, errors = 0, []
    if jobs <= 1:
        results = map(_naive_one, files)
        for n, err in results:
            lines += n
            errors += [err] if err else []
    else:
        with ctx.Pool(jobs) as pool:
            for n, err in pool.imap_unordered(_naive_one, files, chunksize=4):
                lines += n
                errors += [err] if err else []
    seconds = time.perf_counter() - start
    return {
        "mode": "naive",
        "jobs": jobs,
        "files": len(files),
        "lines": lines,
        "errors": errors[:5],
        "seconds": round(seconds, 3),
    }


# -- phases: the tool in this process, each stage timed -----------------------------------------------------


class Timers:
    """Wraps functions by name (module attribute or class attribute) and adds up their time, outermost calls
    only. Whatever is missing (the code moved) is skipped and listed, never an error."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.missing: list[str] = []
        self.undo: list[tuple[object, str, object]] = []

    def wrap(self, owner, attr: str, label: str, keep=None) -> None:
        original = getattr(owner, attr, None)
        if original is None:
            self.missing.append(label)
            return
        is_property = isinstance(original, property)
        func = original.fget if is_property else original
        active = [0]
        timers = self

        def timed(*args, **kwargs):
            if active[0]:
                return func(*args, **kwargs)
            active[0] += 1
            start = time.perf_counter()
            try:
                result = func(*args, **kwargs)
            finally:
                active[0] -= 1
                timers.seconds[label] = timers.seconds.get(label, 0.0) + time.perf_counter() - start
                timers.calls[label] = timers.calls.get(label, 0) + 1
            if keep is not None:
                keep(result)
            return result

        setattr(owner, attr, property(timed) if is_property else timed)
        self.undo.append((owner, attr, original))

    def restore(self) -> None:
        for owner, attr, original in reversed(self.undo):
            setattr(owner, attr, original)


def cmd_phases(project: Path, jobs: int) -> dict:
    """Run the tool's main() here, with its stages timed; count the files it parsed with LibCST."""
    import importlib

    start_import = time.perf_counter()
    import libcst
    from libcst.metadata import MetadataWrapper

    main = importlib.import_module("codemods.swap_user.main")
    runner = importlib.import_module("codemods.core.runner")
    files_mod = importlib.import_module("codemods.core.files")
    project_mod = importlib.import_module("codemods.core.project")
    pipeline = importlib.import_module("codemods.swap_user.pipeline")
    index = importlib.import_module("codemods.swap_user.index")
    from codemods.core.transform import PythonTransform, transform_name

    imports_seconds = time.perf_counter() - start_import
    t = Timers()
    seen: dict[str, object] = {}
    # orchestration, as main.py calls it
    t.wrap(main, "discover", "discover (total)")
    t.wrap(files_mod, "_git_files", "discover: git ls-files")
    t.wrap(files_mod, "list_files", "discover: list_files (git + stat)")
    t.wrap(files_mod, "project_files", "discover: project_files (roles + stat)")
    t.wrap(project_mod, "read_settings", "discover: read_settings")
    t.wrap(project_mod, "_defines_installed_apps", "discover: INSTALLED_APPS scan of every .py")
    t.wrap(pipeline, "index", "options (total)")
    t.wrap(pipeline, "read_text", "options: read files")
    t.wrap(index, "build", "options: index.build (incl. reads)")
    # select and run overlap (runner.select_and_run): the files are read while the pool rewrites
    t.wrap(
        pipeline,
        "select_and_run",
        "select + run (total)",
        keep=lambda out: seen.update(selection=out[0], results=out[1]),
    )
    t.wrap(runner, "read_source", "select: read files")
    t.wrap(runner, "run", "run: in this process (too little work for a pool)")
    # inside run_job: only seen when the run is in this process (--jobs 1, or too little work for a pool)
    t.wrap(runner, "run_job", "run: run_job")
    t.wrap(libcst, "parse_module", "run: LibCST parse")
    t.wrap(MetadataWrapper, "resolve_many", "run: metadata")
    t.wrap(runner, "_run_pass", "run: passes (metadata + transforms)")
    t.wrap(runner, "place_imports", "run: place_imports")
    t.wrap(runner, "remove_unused_imports", "run: remove_unused_imports")
    t.wrap(libcst.Module, "code", "run: codegen (Module.code)")
    t.wrap(pipeline, "plan", "plan (total)")
    import contextlib
    import io

    start, start_cpu = time.perf_counter(), time.process_time()
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = main.main([str(project), "--dry-run", "--jobs", str(jobs), "-q"])
    total, total_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    t.restore()
    selection = seen.get("selection")
    results = seen.get("results") or []
    jobs_ = list(getattr(selection, "jobs", []))
    python_jobs = [j for j in jobs_ if any(issubclass(c, PythonTransform) for c in j.transforms)]
    wanted: dict[str, int] = {}
    for j in jobs_:
        for c in j.transforms:
            wanted[transform_name(c)] = wanted.get(transform_name(c), 0) + 1
    changed = {r.path for r in results if getattr(r, "changed", False)}
    rounded = {k: round(v, 3) for k, v in t.seconds.items()}
    if "run: passes (metadata + transforms)" in rounded and "run: metadata" in rounded:
        rounded["run: transforms (passes - metadata)"] = round(
            t.seconds["run: passes (metadata + transforms)"] - t.seconds["run: metadata"], 3
        )
    return {
        "mode": "phases",
        "jobs": jobs,
        "exit_status": status,
        "summary": out.getvalue().strip().splitlines()[-1:] or [""],
        "imports_seconds": round(imports_seconds, 3),
        "main_seconds": round(total, 3),
        "main_cpu_seconds": round(
            total_cpu, 3
        ),  # this process only: with --jobs > 1 the workers are not in it
        "stages": rounded,
        "calls": t.calls,
        "missing_hooks": t.missing,
        "files_read_by_select": getattr(selection, "read", None),
        "jobs_selected": len(jobs_),
        "libcst_parsed": len(python_jobs),
        "libcst_parsed_lines": sum(j.text.count("\n") for j in python_jobs),
        "libcst_parsed_changed": len([j for j in python_jobs if j.file.path in changed]),
        "files_changed": len(changed),
        "wanted_by_transform": dict(sorted(wanted.items(), key=lambda kv: -kv[1])),
    }


# -- profile ------------------------------------------------------------------------------------------------

STAGES = [  # (label, function-name suffix as pstats prints it: "file:line(name)")
    ("discover", "core/project.py", "discover"),
    ("  list_files", "core/files.py", "list_files"),
    ("  git ls-files (subprocess)", "core/files.py", "_git_files"),
    ("  INSTALLED_APPS scan", "core/project.py", "_defines_installed_apps"),
    ("  read_settings", "core/settings_reader.py", "read_settings"),
    ("build_options", "swap_user/changes.py", "build_options"),
    ("  index.build", "swap_user/index.py", "build"),
    ("select + run", "core/runner.py", "select_and_run"),
    ("  select: read files", "core/files.py", "read_source"),
    ("  run_job", "core/runner.py", "run_job"),
    ("    LibCST parse_module", "libcst/_parser/entrypoints.py", "parse_module"),
    ("    metadata resolve_many", "libcst/metadata/wrapper.py", "resolve_many"),
    ("    _run_pass (metadata + traversal)", "core/runner.py", "_run_pass"),
    ("    place_imports", "core/imports.py", "place_imports"),
    ("    Module.code (codegen)", "libcst/_nodes/module.py", "code"),
    ("collect_plan", "swap_user/changes.py", "collect_plan"),
    ("  black (new app's files, restyle)", "core/fmt.py", "format_python"),
]


def cmd_profile(project: Path, output: Path, top: int) -> None:
    import contextlib
    import cProfile
    import io
    import pstats

    from codemods.swap_user import main

    prof = cProfile.Profile()
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        prof.runcall(main.main, [str(project), "--dry-run", "--jobs", "1", "-q"])
    prof.dump_stats(str(output))
    stats = pstats.Stats(str(output))
    total = max(ct for (_, _, _, ct, _) in stats.stats.values())
    print(
        "cProfile of the tool in one process (--jobs 1); times are inflated by the profiler, read the shares"
    )
    print("%-40s %9s %7s %8s" % ("stage", "cum s", "share", "calls"))
    for label, file_part, name in STAGES:
        cum = calls = 0.0
        for (filename, _line, func), (cc, nc, _tt, ct, callers) in stats.stats.items():
            if func == name and filename.replace(os.sep, "/").endswith(file_part):
                # outermost calls only: skip recursion by taking the primitive-call row once
                cum += ct
                calls += cc
        if cum:
            print("%-40s %9.2f %6.1f%% %8d" % (label, cum, 100 * cum / total, calls))
    print("\ntop %d by own time:" % top)
    stats.sort_stats("tottime").print_stats(top)
    print("profile written to %s (python -m pstats %s)" % (output, output))


# -- the benchmark --------------------------------------------------------------------------------------------


def ensure_project(
    project: Path | None, modules: int, seed: int, large: int = 0
) -> tuple[Path, dict]:
    """The given project as it is, or a generated one under the temp folder, made anew when it is stale."""
    if project is not None:
        info = project / ".benchmark.json"
        if info.is_file():
            return project, json.loads(info.read_text())
        files = python_files(project)
        return project, {
            "modules": len(files),
            "lines": sum(p.read_bytes().count(b"\n") for p in files),
        }
    folder = (
        Path(tempfile.gettempdir())
        / "swap-user-bench"
        / (
            "m%d-s%d%s-v%d"
            % (modules, seed, "-l%d" % large if large else "", genproject.GENERATOR_VERSION)
        )
    )
    info = folder / ".benchmark.json"
    if info.is_file():
        status = subprocess.run(
            ["git", "status", "--porcelain"], cwd=folder, capture_output=True, text=True
        )
        if status.returncode == 0 and not status.stdout.strip():
            return folder, json.loads(info.read_text())
    if folder.exists():
        shutil.rmtree(folder)
    print("generating %s ..." % folder, flush=True)
    counts = genproject.generate(folder, modules, seed, quiet=True, large=large)
    return folder, counts


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and of the children it waited for (the pool's workers)
    peak_mb: float  # the largest resident set of the process or of one of those children
    proc: subprocess.CompletedProcess


def run_timed(argv: list[str]) -> Run:
    """One whole process, reaped with wait4 so that its own resource usage (workers included) is read."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=REPO, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        proc = subprocess.CompletedProcess(
            argv,
            child.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Run(wall, usage.ru_utime + usage.ru_stime, peak, proc)


def inner(proc: subprocess.CompletedProcess) -> dict:
    try:
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {}


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def fmt(x: float | None, unit: str = " s") -> str:
    return "-" if x is None else "%.2f%s" % (x, unit)


def swapped_copy(project: Path, jobs: int) -> Path:
    """A clone of the project (its last commit) with the tool's diff applied and committed, made anew."""
    folder = Path(tempfile.gettempdir()) / "swap-user-bench" / ("second-" + project.name)
    if folder.exists():
        shutil.rmtree(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "clone", "-q", str(project), str(folder)], check=True)
    diff = subprocess.run(
        [sys.executable, "-m", "codemods.swap_user", str(folder), "--diff", "--jobs", str(jobs)],
        cwd=REPO,
        capture_output=True,
    )
    if diff.returncode not in (0, 1) or not diff.stdout.strip():
        raise SystemExit("the tool gave no diff to apply:\n%s" % diff.stderr.decode()[-2000:])
    subprocess.run(["git", "apply", "-"], cwd=folder, input=diff.stdout, check=True)
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    subprocess.run(git + ["add", "-A"], cwd=folder, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "swap_user"], cwd=folder, check=True)
    return folder


def cmd_bench(args: argparse.Namespace) -> int:
    project, counts = ensure_project(args.project, args.modules, args.seed, args.large)
    py = sys.executable
    me = str(Path(__file__).resolve())
    tool = [py, "-m", "codemods.swap_user", str(project), "--dry-run", "--jobs", str(args.jobs)]
    if args.second:
        project = swapped_copy(project, args.jobs)
        counts = ensure_project(project, args.modules, args.seed)[1]
        tool = [py, "-m", "codemods.swap_user", str(project), "--check", "--jobs", str(args.jobs)]
        print("second run: the tool's diff applied to %s; the tool runs with --check" % project)
    ast_cmd = [py, me, "ast", str(project)]
    naive_cmd = [py, me, "naive", str(project), "--jobs", str(args.jobs)]
    print(
        "python %s, libcst %s, %d cores (load %s), %s"
        % (
            platform.python_version(),
            _version("libcst"),
            os.cpu_count() or 0,
            " ".join("%.1f" % x for x in os.getloadavg()),
            platform.machine(),
        )
    )
    print("project %s" % project)
    if "apps" in counts:
        print("  " + genproject.summary(counts))
    else:
        print(
            "  %s Python files, %s lines" % (counts.get("modules", "?"), counts.get("lines", "?"))
        )

    # one in-process run first: it checks that the tool works here, and says what it parsed
    phases_proc = subprocess.run(
        [py, me, "phases", str(project), "--jobs", "1"], cwd=REPO, capture_output=True, text=True
    )
    phases = inner(phases_proc)
    if phases.get("exit_status") not in (0, 1):
        print(
            "the tool failed in-process:\n%s%s"
            % (phases_proc.stdout[-3000:], phases_proc.stderr[-3000:])
        )
        return 2

    runs: dict[str, list[Run]] = {"ast": [], "tool": [], "naive": []}
    inner_times: dict[str, list[float]] = {"ast": [], "naive": []}
    for i in range(args.repeat):
        for name, argv in (("ast", ast_cmd), ("tool", tool), ("naive", naive_cmd)):
            if name == "naive" and (args.skip_naive or i >= args.naive_repeat):
                continue
            run = run_timed(argv)
            if run.proc.returncode not in (0, 1):
                print(
                    "%s failed (exit %d):\n%s%s"
                    % (name, run.proc.returncode, run.proc.stdout[-2000:], run.proc.stderr[-2000:])
                )
                return 2
            runs[name].append(run)
            if name in inner_times:
                inner_times[name].append(inner(run.proc).get("seconds", float("nan")))
            extra = ""
            if name == "tool":
                a = runs["ast"][-1]
                extra = "   pair %d: tool/ast %.2fx wall, %.2fx cpu" % (
                    i + 1,
                    run.wall / a.wall,
                    run.cpu / a.cpu,
                )
            print(
                "  run %d %-5s %7.2f s wall %7.2f s cpu %7.0f MB peak%s"
                % (i + 1, name, run.wall, run.cpu, run.peak_mb, extra),
                flush=True,
            )

    wall = {k: median([r.wall for r in v]) for k, v in runs.items()}
    cpu = {k: median([r.cpu for r in v]) for k, v in runs.items()}
    peak = {k: max([r.peak_mb for r in v], default=None) for k, v in runs.items()}
    print()
    print(
        "wall seconds of whole processes; cpu = user + system of the process and its workers; in-process = the"
    )
    print(
        "subcommand's own timing of its work (no interpreter start-up); peak = the largest single process (max"
    )
    print("over the runs); load average now %s" % " ".join("%.1f" % x for x in os.getloadavg()))
    print(
        "%-7s %5s %10s %9s %9s %10s %12s %9s"
        % ("", "runs", "median", "min", "max", "cpu med", "in-process", "peak MB")
    )
    for name in ("ast", "tool", "naive"):
        v = [r.wall for r in runs[name]]
        if not v:
            continue
        ip = median(inner_times.get(name, [])) if name in inner_times else None
        print(
            "%-7s %5d %10s %9s %9s %10s %12s %9.0f"
            % (
                name,
                len(v),
                fmt(wall[name]),
                fmt(min(v)),
                fmt(max(v)),
                fmt(cpu[name]),
                fmt(ip),
                peak[name],
            )
        )
    pairs_wall = [t.wall / a.wall for a, t in zip(runs["ast"], runs["tool"])]
    pairs_cpu = [t.cpu / a.cpu for a, t in zip(runs["ast"], runs["tool"])]
    ratio_tool = median(pairs_wall)
    print()
    print(
        "tool/ast pair by pair: wall %s; cpu %s"
        % (" ".join("%.2fx" % r for r in pairs_wall), " ".join("%.2fx" % r for r in pairs_cpu))
    )
    print(
        "tool/ast median of the pairs: %s wall, %s cpu"
        % (fmt(ratio_tool, "x"), fmt(median(pairs_cpu), "x"))
    )
    naive_speedup = None
    if runs["naive"]:
        naive_speedup = wall["naive"] / wall["tool"]
        print(
            "naive/ast %s wall, %s cpu   naive/tool %s wall, %s cpu"
            % (
                fmt(wall["naive"] / wall["ast"], "x"),
                fmt(cpu["naive"] / cpu["ast"], "x"),
                fmt(naive_speedup, "x"),
                fmt(cpu["naive"] / cpu["tool"], "x"),
            )
        )
    said = (runs["tool"][-1].proc.stdout + runs["tool"][-1].proc.stderr).strip().splitlines()
    print("tool says: %s" % (said[-1] if said else ""))
    if args.second:
        print(
            "second run --check exit statuses: %s (0: nothing left to change)"
            % " ".join(str(r.proc.returncode) for r in runs["tool"])
        )
    print(
        "files parsed with LibCST by the tool: %s of %s Python files (%s lines), %s of them changed; "
        "%s files read by select"
        % (
            phases.get("libcst_parsed"),
            counts.get("modules", "?"),
            phases.get("libcst_parsed_lines"),
            phases.get("libcst_parsed_changed"),
            phases.get("files_read_by_select"),
        )
    )
    print(
        "wanted by transform: %s"
        % ", ".join("%s %d" % kv for kv in phases.get("wanted_by_transform", {}).items())
    )
    print()
    print(
        "stages, one in-process run with --jobs 1 (main() %s wall, %s cpu; imports %s):"
        % (
            fmt(phases.get("main_seconds")),
            fmt(phases.get("main_cpu_seconds")),
            fmt(phases.get("imports_seconds")),
        )
    )
    for label, seconds in phases.get("stages", {}).items():
        calls = phases.get("calls", {}).get(label)
        print("  %-48s %8.2f s%s" % (label, seconds, "  (%d calls)" % calls if calls else ""))
    if phases.get("missing_hooks"):
        print("  (not found, the code moved: %s)" % ", ".join(phases["missing_hooks"]))
    print()
    checks = [
        (
            "tool/ast %s (target <= %.0fx)" % (fmt(ratio_tool, "x"), TARGET_RATIO),
            ratio_tool <= TARGET_RATIO,
        ),
        (
            "peak %.0f MB (target < %.0f MB)" % (peak["tool"], TARGET_PEAK_MB),
            peak["tool"] < TARGET_PEAK_MB,
        ),
    ]
    if naive_speedup is not None:
        checks.append(
            (
                "naive/tool %s (target >= %.0fx)" % (fmt(naive_speedup, "x"), TARGET_NAIVE),
                naive_speedup >= TARGET_NAIVE,
            )
        )
    ok = all(met for _, met in checks)
    print(
        "verdict: %s: %s"
        % (
            "PASS" if ok else "FAIL",
            "; ".join("%s %s" % (what, "met" if met else "MISSED") for what, met in checks),
        )
    )
    print()
    print("whole-process commands, to compare with an outside timer (run from %s):" % REPO)
    print("  A: %s" % " ".join(tool))
    print("  B: %s" % " ".join(naive_cmd))
    print("  C: %s" % " ".join(ast_cmd))
    return 0 if ok else 1


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("ast", "naive", "phases", "profile"):
        mode = argv.pop(0)
        p = argparse.ArgumentParser(prog="rewrite.py %s" % mode)
        p.add_argument("project", type=Path)
        p.add_argument("--jobs", type=int, default=2)
        p.add_argument(
            "-o", "--output", type=Path, default=Path(tempfile.gettempdir()) / "swap_user.prof"
        )
        p.add_argument("--top", type=int, default=25)
        a = p.parse_args(argv)
        project = a.project.resolve()
        if mode == "profile":
            cmd_profile(project, a.output, a.top)
            return 0
        result = {
            "ast": lambda: cmd_ast(project),
            "naive": lambda: cmd_naive(project, a.jobs),
            "phases": lambda: cmd_phases(project, a.jobs),
        }[mode]()
        print(json.dumps(result))
        return 0 if not result.get("errors") else 1
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--project",
        type=Path,
        help="an existing project, a real tree under git (default: generate one "
        "in the temp folder)",
    )
    p.add_argument("--modules", type=int, default=genproject.DEFAULT_MODULES)
    p.add_argument("--seed", type=int, default=genproject.DEFAULT_SEED)
    p.add_argument(
        "--large",
        type=int,
        default=0,
        help="generated: also this many modules of several thousand "
        "lines dense with references to auth's User (default %(default)s)",
    )
    p.add_argument(
        "--repeat",
        type=int,
        default=5,
        help="pairs of ast and tool runs, in turn (default %(default)s)",
    )
    p.add_argument(
        "--naive-repeat",
        type=int,
        default=1,
        help="runs of naive, at most --repeat (default %(default)s: it takes minutes)",
    )
    p.add_argument(
        "--skip-naive", action="store_true", help="do not run the naive pass (it is slow)"
    )
    p.add_argument(
        "--jobs", type=int, default=2, help="processes for the tool and naive (default %(default)s)"
    )
    p.add_argument(
        "--second",
        action="store_true",
        help="time the second run: the tool's diff applied to a copy of the project (under git), "
        "then `--check` on it, against ast on the same copy",
    )
    args = p.parse_args(argv)
    if args.project is not None:
        args.project = args.project.resolve()
    return cmd_bench(args)


if __name__ == "__main__":
    sys.exit(main())

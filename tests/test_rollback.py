"""A writing run is all or nothing: a failure injected at every step (an exception, Ctrl-C, a file that cannot be
written, Django or git failing) leaves the tree, the index, HEAD, every ref and the stash byte for byte as they
were, with one error line and the documented exit code."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess

import pytest

from codemods.core import django as django_run
from codemods.core import git as git_mod
from codemods.core import plan as plan_mod
from codemods.swap_user import describe, pipeline, preflight
from codemods.swap_user.main import main

from .faults import FAILING_CHECK, assert_same, read_only_mount, repo_state, tree_state, unwritable
from .projects import git_init, write_project

IDENTITY = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"]


def git(root, *args):
    return subprocess.run(
        ["git", *IDENTITY, *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def busy_repository(root, extra=None):
    """A repository as people have them: another branch, a stash, staged and unstaged work (one file the tool
    rewrites), an untracked file, an ignored one."""
    write_project(root, extra=extra)
    git_init(root)
    with open(root / ".gitignore", "a") as fh:
        fh.write("*.log\n")
    git(root, "commit", "-qam", "ignore logs")
    git(root, "branch", "feature")
    models = root / "blog/models.py"
    models.write_text(models.read_text() + "# stashed\n")
    git(root, "stash", "push", "-q", "-m", "work in progress")
    urls = root / "mini/urls.py"
    urls.write_text(urls.read_text() + "# staged\n")
    git(root, "add", "mini/urls.py")
    views = root / "blog/views.py"
    views.write_text(views.read_text() + "# not staged, in a file the tool rewrites\n")
    (root / "notes.txt").write_text("untracked\n")
    (root / "debug.log").write_text("ignored\n")
    return root


def descriptions(root):
    folder = root / ".git/codemods"
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


class Injected(Exception):
    pass


class OsOfPlan:
    """The os module as plan.py sees it, so that a test can replace one function for plan.py alone."""

    def __getattr__(self, name):
        return getattr(os, name)


def after(monkeypatch, owner, name, action, when=lambda *args, **kwargs: True):
    """Wrap owner.name: run it, then `action` (raise a fault, or make something unwritable) when `when` says."""
    real = getattr(owner, name)

    def wrapper(*args, **kwargs):
        result = real(*args, **kwargs)
        if when(*args, **kwargs):
            action()
        return result

    monkeypatch.setattr(owner, name, wrapper)


def raising(fault, root, seen):
    """Raise fault, after noting the repository as the fault finds it."""

    def action():
        seen.append(repo_state(root))
        raise fault

    return action


def nth_call(monkeypatch, owner, name, n, action):
    """owner.name runs action instead on its n-th call (the earlier ones work)."""
    real, calls = getattr(owner, name), []

    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) == n:
            action()
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)


def manage_command(command):
    return lambda project, args, *rest, **kwargs: args[0] == command


def publishing(*command):
    """git `command` (its first arguments) in publish(): on the repository's own index, not a temporary one."""
    return lambda root, *args, env=None, input=None: args[: len(command)] == command and env is None


def flip_to_failure(monkeypatch, command):
    """Django runs `command` for real, and then it is reported failed (as a system check error would be)."""
    real = django_run.run_manage

    def wrapper(project, args, *rest, **kwargs):
        done = real(project, args, *rest, **kwargs)
        if args[0] == command:
            return django_run.DjangoRun(
                done.argv, 1, done.output + "\nSystemCheckError: (injected.E001) injected"
            )
        return done

    monkeypatch.setattr(django_run, "run_manage", wrapper)


EXCEPTION = (
    "error: internal error: Injected: injected (run with -v for the traceback); nothing was changed"
)
INTERRUPT = "error: interrupted; nothing was changed"
FAILED = "; the tree is as it was"


def inject(step, fault, root, monkeypatch, stack, seen):
    """Set up one fault; returns (extra argv, expected exit code, expected error line as a regex). An exception
    or Ctrl-C notes in `seen` the repository as it finds it."""
    boom = raising(
        Injected("injected") if fault == "exception" else KeyboardInterrupt(), root, seen
    )
    expected = re.escape(EXCEPTION if fault == "exception" else INTERRUPT)
    if step == "preflight":
        if fault == "django":
            return (
                ["--python", "/nonexistent/python"],
                2,
                re.escape(
                    "error: Django could not start with /nonexistent/python: No such file or directory; nothing was "
                    "changed"
                ),
            )
        if fault == "unwritable":
            stack.enter_context(unwritable(root / "blog/models.py"))
            return (
                [],
                2,
                (
                    r"error: blog/models\.py cannot be written \((permission denied, or immutable|"
                    r"read-only file system)\); make it writable and run again; nothing was changed"
                ),
            )
        after(monkeypatch, preflight, "start_django", boom)
    elif step == "rewrite":
        nth_call(monkeypatch, pipeline, "select_and_run", 1, boom)
    elif step == "write":
        if (
            fault == "unwritable"
        ):  # after the check passed: the folder goes read-only while the tool runs
            after(
                monkeypatch,
                preflight,
                "check_writable",
                lambda: stack.enter_context(unwritable(root / "blog")),
            )
            return [], 3, r"error: could not write blog/\S+: [\w ,-]+" + re.escape(FAILED)
        monkeypatch.setattr(plan_mod, "os", OsOfPlan())  # the third file the plan replaces fails
        nth_call(monkeypatch, plan_mod.os, "replace", 3, boom)
    elif step in ("makemigrations", "check"):
        if fault == "django":
            if (
                step == "makemigrations"
            ):  # FAILING_CHECK is in the project: makemigrations fails for real
                return (
                    [],
                    3,
                    re.escape(
                        "error: makemigrations accounts failed: ?: (blog.E001) this project only "
                        "works with auth.User" + FAILED
                    ),
                )
            flip_to_failure(monkeypatch, "check")
            return (
                [],
                3,
                re.escape(
                    "error: manage.py check failed after the rewrite: SystemCheckError: "
                    "(injected.E001) injected" + FAILED
                ),
            )
        after(monkeypatch, django_run, "run_manage", boom, when=manage_command(step))
    elif step == "commit":
        if fault == "git":  # a stale lock on the new branch: git itself refuses to create it
            (root / ".git/refs/heads/swap-user-model.lock").write_text("")
            return (
                [],
                3,
                r"error: git update-ref -m: .*cannot lock ref 'refs/heads/swap-user-model'.*"
                + re.escape(FAILED),
            )
        # the exception once the branch exists and the index holds the change; Ctrl-C once HEAD moved too
        command = ("update-index",) if fault == "exception" else ("symbolic-ref", "-m")
        after(monkeypatch, git_mod, "run", boom, when=publishing(*command))
    elif step == "description":
        if fault == "unwritable":
            (root / ".git/codemods").mkdir()
            stack.enter_context(unwritable(root / ".git/codemods"))
            return (
                [],
                3,
                (
                    r"error: could not write the pull-request description \S+/\.git/codemods/"
                    r"swap-user-model-[\d-]+\.md: [\w ,-]+" + re.escape(FAILED)
                ),
            )
        after(monkeypatch, describe, "write_description", boom)
    return [], 3, expected


FAULTS = {
    "preflight": ["exception", "interrupt", "django", "unwritable"],
    "rewrite": ["exception", "interrupt"],
    "write": ["exception", "interrupt", "unwritable"],
    "makemigrations": ["exception", "interrupt", "django"],
    "check": ["exception", "interrupt", "django"],
    "commit": ["exception", "interrupt", "git"],
    "description": ["exception", "interrupt", "unwritable"],
}
MATRIX = [(step, fault) for step, faults in FAULTS.items() for fault in faults]


@pytest.mark.parametrize("step,fault", MATRIX, ids=["%s-%s" % case for case in MATRIX])
def test_a_failure_at_any_step_leaves_everything_as_it_was(
    step, fault, tmp_path, monkeypatch, capsys
):
    extra = FAILING_CHECK if (step, fault) == ("makemigrations", "django") else None
    root = busy_repository(tmp_path / "mini", extra)
    seen = []
    with contextlib.ExitStack() as stack:
        argv, code, line = inject(step, fault, root, monkeypatch, stack, seen)
        before, kept = repo_state(root), descriptions(root)
        got = main([str(root), "--allow-dirty", *argv])
        err = capsys.readouterr().err
    assert got == code, err
    assert re.fullmatch(line, err.strip().splitlines()[-1]), err
    assert [ln for ln in err.splitlines() if ln.startswith("error: ")] == [
        err.strip().splitlines()[-1]
    ]
    assert_same(before, repo_state(root))
    assert descriptions(root) == kept
    if fault in (
        "exception",
        "interrupt",
    ):  # the fault struck where it was meant to, with work to undo after writing
        assert len(seen) == 1
        assert (seen[0] == before) == (step in ("preflight", "rewrite"))
    if (step, fault) in (("commit", "exception"), ("commit", "interrupt")):
        assert seen[0]["refs"] != before["refs"] and seen[0]["index"] != before["index"]
        assert (seen[0]["HEAD"] != before["HEAD"]) == (fault == "interrupt")


def test_the_matrix_covers_every_step():
    assert set(FAULTS) == {
        "preflight",
        "rewrite",
        "write",
        "makemigrations",
        "check",
        "commit",
        "description",
    }
    assert len(MATRIX) == 21


def test_an_immutable_file_is_refused_before_anything_is_written(tmp_path, capsys):
    root = busy_repository(tmp_path / "mini")
    with unwritable(root / "blog/views.py") as how:
        before = repo_state(root)
        code = main([str(root), "--allow-dirty"])
        after_run = repo_state(root)
    err = capsys.readouterr().err
    assert code == 2, err
    reason = (
        "read-only file system" if how == "read-only mount" else "permission denied, or immutable"
    )
    assert err.strip().splitlines()[-1] == (
        "error: blog/views.py cannot be written (%s); make it writable and run again; nothing was changed"
        % reason
    )
    assert_same(before, after_run)


def test_a_read_only_mount_is_refused_before_anything_is_written(tmp_path, capsys):
    root = busy_repository(tmp_path / "mini")
    with read_only_mount(root / "mini"):
        before = repo_state(root)
        code = main([str(root), "--allow-dirty"])
        after_run = repo_state(root)
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.strip().splitlines()[-1] == (
        "error: mini/settings.py cannot be written (read-only file system); make it writable and run again; "
        "nothing was changed"
    )
    assert_same(before, after_run)


def test_a_run_leaves_nothing_its_plan_does_not_name_and_creates_no_database(tmp_path, capsys):
    root = write_project(tmp_path / "mini")
    git_init(root)
    before = tree_state(root)
    code = main([str(root)])
    err = capsys.readouterr().err
    assert code == 0, err
    after_run = tree_state(root)
    named = {
        line.split(" ", 1)[1]
        for line in err.splitlines()
        if line.startswith(("Creating ", "Rewriting "))
    }
    named |= {line.split()[1] for line in err.splitlines() if line.startswith("Created ")}
    added = {p for p in set(after_run) - set(before) if not p.endswith("/")}
    folders = {p for p in set(after_run) - set(before) if p.endswith("/")}
    changed = {p for p in before if p in after_run and before[p] != after_run[p]}
    assert added | changed == named
    assert all(any(p.startswith(folder) for p in added) for folder in folders)
    assert not any(p.endswith(".sqlite3") or "__pycache__" in p for p in after_run)


def test_when_putting_back_fails_the_error_says_so_and_the_rest_is_put_back(
    tmp_path, monkeypatch, capsys
):
    root = busy_repository(tmp_path / "mini")
    before = repo_state(root)
    with contextlib.ExitStack() as stack:

        def lock_a_written_file_then_fail():
            stack.enter_context(unwritable(root / "blog/models.py"))
            raise Injected("injected")

        after(
            monkeypatch,
            django_run,
            "run_manage",
            lock_a_written_file_then_fail,
            when=manage_command("check"),
        )
        code = main([str(root), "--allow-dirty"])
        err = capsys.readouterr().err
    assert code == 3, err
    line = err.strip().splitlines()[-1]
    assert line.startswith(
        "error: internal error: Injected: injected (run with -v for the traceback); and putting "
        "things back failed: could not put back the files written (WriteError: could not put "
        "back "
    ), line
    assert "blog/models.py" in line and "nothing was changed" not in line
    now = repo_state(root)
    assert [p for p in before["tree"] if before["tree"][p] != now["tree"].get(p)] == [
        "blog/models.py"
    ]
    assert {k: v for k, v in now.items() if k != "tree"} == {
        k: v for k, v in before.items() if k != "tree"
    }

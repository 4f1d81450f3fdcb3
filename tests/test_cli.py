"""The command line: every flag and exit code, and that the read-only modes write nothing."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from codemods.swap_user.main import main
from codemods.swap_user.transforms import TRANSFORMS

from .faults import FAILING_CHECK
from .projects import MINI, git_init, tree_digest, write_project


@pytest.fixture
def project(tmp_path):
    root = write_project(tmp_path / "mini")
    git_init(root)
    return root


def git(root, *args):
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_transforms(capsys):
    code, out, _ = run(capsys, "--list-transforms")
    assert code == 0
    names = [line.split()[0] for line in out.splitlines()]
    # One line per module, the reference kind (its Python and template transforms share the name).
    assert names == list(dict.fromkeys(t.__module__.rpartition(".")[2] for t in TRANSFORMS))
    assert all(len(line.split(None, 1)) == 2 for line in out.splitlines())


def test_not_a_django_project(tmp_path, capsys):
    code, _, err = run(capsys, tmp_path)
    assert code == 2
    assert (
        err
        == "error: %s is not a Django project: no manage.py in it (pass --settings MODULE if it has "
        "none); nothing was changed\n" % tmp_path
    )


def test_missing_folder(tmp_path, capsys):
    code, _, err = run(capsys, tmp_path / "nope")
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1


def test_check_reports_changes_and_writes_nothing(project, capsys):
    before = tree_digest(project)
    code, out, err = run(capsys, project, "--check")
    assert code == 1
    assert out == ""
    assert "Would rewrite blog/models.py" in err
    assert "Would create accounts/models.py" in err
    assert tree_digest(project) == before


def test_diff_prints_every_change_and_writes_nothing(project, capsys):
    before = tree_digest(project)
    code, out, _ = run(capsys, project, "--diff")
    assert code == 0
    assert "--- a/blog/models.py\n+++ b/blog/models.py\n" in out
    assert "--- /dev/null\n+++ b/accounts/models.py\n" in out
    assert '+    "accounts",\n' in out
    assert '+@permission_required("accounts.change_user")\n' in out
    assert tree_digest(project) == before


def test_dry_run_lists_and_writes_nothing(project, capsys):
    before = tree_digest(project)
    code, out, err = run(capsys, project, "--dry-run")
    assert code == 0
    assert "Would rewrite mini/settings.py" in err
    assert (
        err.strip().splitlines()[-1].startswith("swap_user: would rewrite 3 files, would create ")
    )
    assert tree_digest(project) == before


def test_run_rewrites_generates_the_migration_and_a_second_run_is_a_noop(project, capsys):
    code, _, err = run(capsys, project)
    assert code == 0, err
    assert "Rewriting blog/models.py" in err
    assert "Creating accounts/models.py" in err
    assert "Created accounts/migrations/0001_initial.py (by Django's makemigrations)" in err
    migration = (project / "accounts/migrations/0001_initial.py").read_text()
    # Django writes it with black when black is on PATH: either quote style.
    assert (
        re.search(r"""(['"])db_table\1: (['"])auth_user\2""", migration)
        and "models.AutoField(" in migration
    )
    assert 'AUTH_USER_MODEL = "accounts.User"' in (project / "mini/settings.py").read_text()
    assert git(project, "status", "--porcelain") == ""
    assert git(project, "branch", "--show-current").strip() == "swap-user-model"
    before = tree_digest(project)
    code, _, err = run(capsys, project)
    assert code == 0
    assert (
        err.strip().splitlines()[-1] == "swap_user: already swapped to accounts.User; nothing to do"
    )
    assert tree_digest(project) == before


def test_quiet_shows_only_the_summary(project, capsys):
    code, _, err = run(capsys, project, "--dry-run", "-q")
    assert code == 0
    assert err.count("\n") == 1 and err.startswith("swap_user: would rewrite")


def test_refuses_uncommitted_changes(project, capsys):
    (project / "blog/views.py").write_text((project / "blog/views.py").read_text() + "# wip\n")
    before = tree_digest(project)
    code, _, err = run(capsys, project)
    assert code == 2
    assert err == (
        "error: git shows uncommitted changes (blog/views.py); commit or stash them, or pass "
        "--allow-dirty; nothing was changed\n"
    )
    assert tree_digest(project) == before


def test_allow_dirty(project, capsys):
    (project / "blog/views.py").write_text((project / "blog/views.py").read_text() + "# wip\n")
    code, _, err = run(capsys, project, "--allow-dirty")
    assert code == 0, err


def test_refuses_a_custom_user_model(project, capsys):
    settings = project / "mini/settings.py"
    settings.write_text(settings.read_text() + 'AUTH_USER_MODEL = "blog.Author"\n')
    code, _, err = run(capsys, project, "--allow-dirty", "--check")
    assert code == 2
    assert "AUTH_USER_MODEL is already 'blog.Author', a custom user model" in err


def test_explicit_default_user_model_counts_as_default(project, capsys):
    settings = project / "mini/settings.py"
    settings.write_text(settings.read_text() + 'AUTH_USER_MODEL = "auth.User"\n')
    code, out, _ = run(capsys, project, "--diff")
    assert code == 0
    assert '-AUTH_USER_MODEL = "auth.User"\n+AUTH_USER_MODEL = "accounts.User"\n' in out


def test_label_taken_falls_back_to_users(tmp_path, capsys):
    root = write_project(
        tmp_path / "p", extra={"accounts/__init__.py": "", "accounts/models.py": ""}
    )
    settings = root / "mini/settings.py"
    settings.write_text(settings.read_text().replace('"blog",', '"blog",\n    "accounts",'))
    code, _, err = run(capsys, root, "--dry-run")
    assert code == 0
    assert "Would create users/models.py" in err


def test_both_labels_taken(tmp_path, capsys):
    root = write_project(
        tmp_path / "p", extra={"accounts/__init__.py": "", "users/__init__.py": ""}
    )
    settings = root / "mini/settings.py"
    settings.write_text(
        settings.read_text().replace('"blog",', '"blog",\n    "accounts",\n    "users",')
    )
    code, _, err = run(capsys, root, "--dry-run")
    assert code == 2
    assert (
        err
        == "error: app labels accounts (accounts) and users (users) are taken; pass --app-label NAME; "
        "nothing was changed\n"
    )


def test_requested_label_taken(project, capsys):
    code, _, err = run(capsys, project, "--app-label", "blog", "--dry-run")
    assert code == 2
    assert "app label 'blog' is taken by blog; pass another --app-label" in err


def test_invalid_label(project, capsys):
    code, _, err = run(capsys, project, "--app-label", "My-Users", "--dry-run")
    assert code == 2
    assert "is not a valid app label" in err


def test_app_label_flag(project, capsys):
    code, out, _ = run(capsys, project, "--app-label", "people", "--diff")
    assert code == 0
    assert "+++ b/people/models.py" in out and '+AUTH_USER_MODEL = "people.User"' in out


def test_file_that_does_not_parse_is_refused(project, capsys):
    (project / "blog/broken.py").write_text(
        "from django.contrib.auth.models import User\ndef f(:\n"
    )
    git(
        project, "add", "blog/broken.py"
    )  # tracked: untracked files are never rewritten, only noted
    before = tree_digest(project)
    code, _, err = run(capsys, project, "--allow-dirty")
    assert code == 2
    assert err.startswith("error: blog/broken.py:2:")
    assert err.endswith(
        ": does not parse, and it may hold a reference to auth's User; nothing was changed\n"
    )
    assert tree_digest(project) == before


def test_django_refusing_the_result_puts_the_tree_back(project, capsys):
    # A project check that only fails once the user model is swapped: Django's `check` fails after the
    # rewrite, so the tool must undo everything, the generated migration included.
    for rel, text in FAILING_CHECK.items():
        (project / rel).write_text(text)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "check"],
        cwd=project,
        check=True,
    )
    before = tree_digest(project)
    code, _, err = run(capsys, project)
    assert code == 3
    # makemigrations runs the system checks first, so it is the step that fails.
    assert err.strip().splitlines()[-1] == (
        "error: makemigrations accounts failed: ?: (blog.E001) this project only works with auth.User"
        "; the tree is as it was"
    )
    assert tree_digest(project) == before
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""
    assert git(project, "branch", "--show-current").strip() == "main"
    assert git(project, "branch", "--list", "swap-user-model") == ""


def test_jobs_must_be_positive(project, capsys):
    code, _, err = run(capsys, project, "--jobs", "0")
    assert code == 2
    assert err == "error: --jobs must be at least 1; nothing was changed\n"


def test_jobs_gives_the_same_result(project, capsys):
    _, one, _ = run(capsys, project, "--diff", "--jobs", "1")
    _, two, _ = run(capsys, project, "--diff", "--jobs", "2")
    assert one == two


def test_module_entry_point(project):
    proc = subprocess.run(
        [sys.executable, "-m", "codemods.swap_user", str(project), "--check"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert "Would rewrite blog/models.py" in proc.stderr


def django_starts(monkeypatch):
    """The management commands a run starts Django for, in order (the probe is `shell`)."""
    from codemods.core import django as django_run

    real, started = django_run.run_manage, []

    def counting(project, args, *rest, **kwargs):
        started.append(args[0])
        return real(project, args, *rest, **kwargs)

    monkeypatch.setattr(django_run, "run_manage", counting)
    return started


def test_a_writing_run_starts_django_once_per_step(project, capsys, monkeypatch):
    # The probe before anything is written, then makemigrations and check; no app overrides migrate, so the new
    # app's own runs, and Django need not start again to say so.
    started = django_starts(monkeypatch)
    code, _, err = run(capsys, project)
    assert code == 0, err
    assert started == ["shell", "makemigrations", "check"]
    assert "`manage.py migrate` runs" not in err


def test_says_when_another_apps_migrate_would_shadow_the_adoption(tmp_path, capsys, monkeypatch):
    root = write_project(
        tmp_path / "p",
        extra={
            "shadow/__init__.py": "",
            "shadow/management/__init__.py": "",
            "shadow/management/commands/__init__.py": "",
            "shadow/management/commands/migrate.py": (
                "from django.core.management.commands.migrate import Command as Stock\n\n\n"
                "class Command(Stock):\n    pass\n"
            ),
            # A settings module that puts an app of its own before everything the base settings install.
            "mini/local.py": 'from .settings import *  # noqa\n\nINSTALLED_APPS = ["shadow"] + INSTALLED_APPS\n',
        },
    )
    manage = root / "manage.py"
    manage.write_text(manage.read_text().replace('"mini.settings"', '"mini.local"'))
    git_init(root)
    started = django_starts(monkeypatch)
    code, _, err = run(capsys, root)
    assert code == 0, err
    assert started == [
        "shell",
        "makemigrations",
        "check",
        "shell",
    ]  # asked again: which migrate wins now
    assert (
        "note: `manage.py migrate` runs shadow's migrate command, not accounts's, so existing databases "
        "would not be adopted; list accounts before shadow in INSTALLED_APPS [settings]"
    ) in err


@pytest.mark.parametrize("cause", ["python", "settings", "import"])
def test_a_writing_run_refuses_when_django_cannot_start(project, capsys, cause):
    # makemigrations and check are part of a writing run: without them there is no migration and no proof.
    argv = []
    if cause == "python":
        argv, expected = [
            "--python",
            "/nonexistent/python",
        ], "/nonexistent/python: No such file or directory"
    elif cause == "settings":
        argv, expected = [
            "--settings",
            "mini.nowhere",
        ], "%s: ModuleNotFoundError: No module named 'mini.nowhere'"
    else:
        settings = project / "mini/settings.py"
        settings.write_text(
            settings.read_text() + "raise RuntimeError('SECRET_KEY comes from the vault')\n"
        )
        git(project, "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qam", "vault")
        expected = "%s: RuntimeError: SECRET_KEY comes from the vault"
    before = tree_digest(project)
    code, out, err = run(capsys, project, "--report", "json", *argv)
    assert code == 2, err
    assert err.strip().splitlines()[
        -1
    ] == "error: Django could not start with %s; nothing was changed" % (
        expected.replace("%s", sys.executable, 1) if expected.startswith("%s") else expected
    )
    assert out == ""
    assert tree_digest(project) == before
    assert git(project, "branch", "--list") == "* main\n"


def test_the_read_only_modes_never_start_django(project, capsys):
    before = tree_digest(project)
    code, _, err = run(capsys, project, "--check", "--python", "/nonexistent/python")
    assert code == 1, err
    assert "Would rewrite blog/models.py" in err and "error" not in err
    assert tree_digest(project) == before


def test_progress_only_on_a_terminal_and_not_with_quiet():
    import io

    from codemods.core.report import NORMAL, QUIET, Reporter

    out = io.StringIO()
    Reporter(NORMAL, out).progress("Reading files", 250, 500)
    Reporter(NORMAL, out).progress("Reading files", 500, 500)
    assert out.getvalue() == "\rReading files 250/500\rReading files 500/500\n"
    quiet = io.StringIO()
    Reporter(QUIET, quiet).progress("Reading files", 250, 500)
    assert quiet.getvalue() == ""
    small = io.StringIO()
    Reporter(NORMAL, small).progress("Reading files", 10, 20)  # a small tree: no progress at all
    assert small.getvalue() == ""


def test_project_one_folder_down_in_its_repository(tmp_path, capsys):
    # src/manage.py, run from the repository's top: Django runs from src/, as its developers run it
    repo = tmp_path / "repo"
    write_project(repo / "src")
    (repo / "README.md").write_text("docs\n")
    git_init(repo)
    code, _, err = run(capsys, repo)
    assert code == 0, err
    assert "Rewriting src/blog/models.py" in err
    assert (repo / "src/accounts/migrations/0001_initial.py").is_file()
    assert 'AUTH_USER_MODEL = "accounts.User"' in (repo / "src/mini/settings.py").read_text()


def test_no_admin_py_for_a_project_without_the_admin(tmp_path, capsys):
    settings = re.sub(r'\n\s*"django.contrib.admin",', "", MINI["mini/settings.py"])
    assert "django.contrib.admin" not in settings
    root = write_project(
        tmp_path / "mini",
        extra={"mini/settings.py": settings, "mini/urls.py": "urlpatterns = []\n"},
    )
    git_init(root)
    code, _, err = run(capsys, root, "--no-branch")
    assert code == 0, err
    assert (root / "accounts/models.py").is_file()
    assert not (root / "accounts/admin.py").exists()
    assert "Creating accounts/admin.py" not in err

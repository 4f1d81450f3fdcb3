"""The command line: which profile, the refusals (one line, nothing written), the read-only modes, exit codes."""

from __future__ import annotations

import subprocess

import pytest

from codemods.merge_profile.main import main
from codemods.merge_profile.transforms import TRANSFORMS
from tests.projects import MINI, git_init, tree_digest, write_project

from .projects import FILES, build_template, swapped_project

# Several one-to-one models of the user, each a shape: found through the class, a string, a subclass of
# OneToOneField as primary key; a name clash; Meta options naming a field that would move.
SHAPES = {
    "profiles/fields.py": """\
        from django.db import models


        class AutoOneToOneField(models.OneToOneField):
            pass
        """,
    "profiles/models.py": FILES["profiles/models.py"]
    + """\


        class Preferences(models.Model):
            user = AutoOneToOneField("accounts.User", on_delete=models.CASCADE, primary_key=True)
            timezone = models.CharField(max_length=40, default="UTC")


        class Contact(models.Model):
            owner = models.OneToOneField(User, on_delete=models.CASCADE, related_name="contact")
            email = models.EmailField(blank=True)
            referred_by = models.ForeignKey(
                User, null=True, on_delete=models.SET_NULL, related_name="referred_by"
            )


        class Badge(models.Model):
            holder = models.OneToOneField(User, on_delete=models.CASCADE, related_name="badge")
            label = models.CharField(max_length=20)

            class Meta:
                ordering = ["label"]


        class Desk(models.Model):
            user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="desks")


        class Seat(models.Model):
            sitter = models.OneToOneField(User, on_delete=models.CASCADE, related_name="seat")
            desk = models.ForeignKey(Desk, on_delete=models.CASCADE)
        """,
}
SHAPES["profiles/models.py"] = SHAPES["profiles/models.py"].replace(
    "from django.db import models\n",
    "from django.db import models\n\n        from accounts.models import User\n\n        from .fields import AutoOneToOneField\n",
    1,
)


@pytest.fixture
def project(tmp_path, tmp_path_factory):
    return swapped_project(tmp_path, build_template(tmp_path_factory.getbasetemp()))


@pytest.fixture
def shapes(tmp_path, tmp_path_factory):
    return swapped_project(tmp_path, build_template(tmp_path_factory.getbasetemp(), SHAPES))


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_transforms(capsys):
    code, out, _ = run(capsys, "--list-transforms")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [
        t.__module__.rpartition(".")[2] for t in TRANSFORMS
    ]


def test_refuses_a_project_still_on_auth_user(tmp_path, capsys):
    root = write_project(tmp_path / "mini", MINI)
    git_init(root)
    before = tree_digest(root)
    code, _, err = run(capsys, root)
    assert code == 2
    assert err == (
        "error: AUTH_USER_MODEL is still auth.User; swap the project to its own user model first "
        "(`python -m codemods.swap_user %s`), migrate, then merge the profile; nothing was changed\n"
        % root
    )
    assert tree_digest(root) == before


def test_several_profiles_are_listed_and_refused(shapes, capsys):
    before = tree_digest(shapes)
    code, _, err = run(capsys, shapes)
    assert code == 2
    lines = err.splitlines()
    assert lines[0] == (
        "error: 5 one-to-one models point at accounts.User; pass --profile with the one to merge (they "
        "follow); nothing was changed"
    )
    assert [line.split()[0] for line in lines[1:]] == [
        "profiles.Profile",
        "profiles.Preferences",
        "profiles.Contact",
        "profiles.Badge",
        "profiles.Seat",
    ]
    assert "(profiles/models.py:34; user.preferences; 1 fields)" in lines[2]
    assert tree_digest(shapes) == before


def test_profile_not_among_the_candidates(shapes, capsys):
    code, _, err = run(capsys, shapes, "--profile", "profiles.Team")
    assert code == 2
    assert err.startswith(
        "error: --profile profiles.Team is not a one-to-one model of accounts.User in the project"
    )


def test_a_subclass_of_one_to_one_as_primary_key_through_a_string(shapes, capsys):
    code, _, err = run(capsys, shapes, "--profile", "profiles.preferences", "--dry-run")
    assert code == 0, err
    assert "Would rewrite accounts/models.py" in err
    assert "merge_profile: would merge profiles.Preferences into accounts.User (1 field)" in err


def test_refuses_a_field_named_like_one_of_the_user(shapes, capsys):
    # email is a field of the user; referred_by points at the user with its own name as related_name: on the
    # user, the field and its reverse accessor would share it (Django's fields.E302), as wger's
    # UserProfile.added_by. The line says what each name is on the user.
    code, _, err = run(capsys, shapes, "--profile", "profiles.Contact", "--dry-run")
    assert code == 2
    assert err == (
        "error: profiles.Contact's fields email, referred_by clash with names accounts.User already has "
        "(email: a field of accounts.User; referred_by: the reverse accessor of profiles.Contact.referred_by, "
        "which points at the user and keeps that name there); rename them on the profile first (a "
        "RenameField migration), or give the relation another related_name (and a migration), then merge; "
        "nothing was changed\n"
    )


def test_refuses_meta_options_on_moved_fields(shapes, capsys):
    code, _, err = run(capsys, shapes, "--profile", "profiles.Badge", "--check")
    assert code == 2
    assert err.startswith(
        "error: profiles.Badge's Meta.ordering names fields that move to the user (label)"
    )


def test_refuses_a_reverse_name_the_related_model_has(shapes, capsys):
    code, _, err = run(capsys, shapes, "--profile", "profiles.Seat", "--dry-run")
    assert code == 2
    assert err == (
        "error: profiles.Seat.desk on accounts.User would give profiles.Desk the reverse name 'user', which "
        "it already has; give the field a related_name on the profile first (and a migration), then merge; "
        "nothing was changed\n"
    )


def test_a_failing_check_puts_the_tree_back(tmp_path, tmp_path_factory, capsys, monkeypatch):
    admin = {"profiles/admin.py": """\
        from django.contrib import admin

        from .models import Profile


        @admin.register(Profile)
        class ProfileAdmin(admin.ModelAdmin):
            raw_id_fields = ["team"]  # needs a field of the model: no lookup can follow the link here
        """}
    root = swapped_project(tmp_path, build_template(tmp_path_factory.getbasetemp(), admin))
    monkeypatch.setenv(
        "MINI_DB", str(tmp_path / "db.sqlite3")
    )  # Django's commands open it: outside the tree
    before = tree_digest(root)
    code, _, err = run(capsys, root, "-q")
    assert code == 3
    assert err.splitlines()[-1].startswith(
        "error: Django's system checks failed after the merge: "
        "<class 'profiles.admin.ProfileAdmin'>: (admin.E002) "
    )
    assert err.splitlines()[-1].endswith("; the tree is as it was")
    assert tree_digest(root) == before
    branches = subprocess.run(
        ["git", "branch", "--format=%(refname:short)"], cwd=root, capture_output=True, text=True
    ).stdout.split()
    assert branches == ["main"]


def test_check_diff_and_dry_run_write_nothing(project, capsys):
    before = tree_digest(project)
    code, out, err = run(capsys, project, "--check")
    assert (code, out) == (1, "")
    assert "Would create profiles/migrations/0002_move_profile_to_user.py" in err
    code, out, _ = run(capsys, project, "--diff")
    assert code == 0
    assert "+++ b/accounts/models.py\n" in out and "+++ b/profiles/merged_fields.py\n" in out
    assert "+    bio = models.TextField(blank=True)\n" in out
    assert '+    bio = FieldOnUser("bio")\n' in out
    code, _, err = run(capsys, project, "--dry-run")
    assert code == 0 and "Would rewrite profiles/models.py" in err
    assert tree_digest(project) == before


def test_write_commits_on_a_branch_and_a_second_run_does_nothing(project, capsys):
    code, out, err = run(capsys, project, "--report", "json", "-q")
    assert code == 0, err
    log = subprocess.run(
        ["git", "log", "--format=%s", "main..merge-profile"],
        cwd=project,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert log == [
        "Read the moved fields on the user instead of through profiles.Profile",
        "Copy every profiles.Profile's values onto its user; the profile reads and writes them there",
        "Add profiles.Profile's fields to accounts.User",
    ]
    assert '"files_created": [\n    "accounts/migrations/0002_fields_from_profile.py"' in out
    description = (project / ".git" / "codemods" / "merge-profile.md").read_text()
    for section in (
        "## What changed",
        "## Needs a person",
        "## Deploy",
        "## Roll back",
        "## Follow-up",
    ):
        assert section in description
    assert "`python manage.py migrate profiles 0001_initial` reverses the copy" in description
    assert (
        "team on accounts.User: profiles.Team.profiles now returns users, not profiles"
        in description
    )
    before = tree_digest(project)
    code, _, err = run(capsys, project)
    assert code == 0
    assert (
        err
        == "merge_profile: profiles.Profile: no field left to move (merged already); nothing to do\n"
    )
    assert tree_digest(project) == before


def test_refuses_a_dirty_tree(project, capsys):
    (project / "blog" / "views.py").write_text("# changed\n")
    code, _, err = run(capsys, project)
    assert code == 2
    assert err.startswith("error: git shows uncommitted changes (blog/views.py)")

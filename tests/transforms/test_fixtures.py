from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
import yaml

from codemods.swap_user.transforms.fixtures import Fixtures

from .tools import apply, check_noop, check_transformed, notes_of, options

# What `dumpdata auth.user auth.group --indent 2 --natural-foreign --natural-primary` writes.
NATURAL_JSON = """\
[
{
  "model": "auth.group",
  "fields": {
    "name": "staff",
    "permissions": [
      [
        "change_user",
        "auth",
        "user"
      ]
    ]
  }
},
{
  "model": "auth.user",
  "fields": {
    "password": "pbkdf2_sha256$1000000$T14U9JMarhrQ1xz8ldT4Fe$kP/80KEsiFXCk3Ok8oF2BZQlKRQF2BXteLuxfraAYVo=",
    "last_login": null,
    "is_superuser": false,
    "username": "alice",
    "first_name": "",
    "last_name": "",
    "email": "",
    "is_staff": false,
    "is_active": true,
    "date_joined": "2024-11-22T04:25:59.142Z",
    "groups": [
      [
        "staff"
      ]
    ],
    "user_permissions": [
      [
        "view_user",
        "auth",
        "user"
      ]
    ]
  }
}
]
"""


def test_model_rows():
    check_transformed(
        Fixtures,
        """\
        [
          {"model": "auth.user", "pk": 1, "fields": {"username": "admin", "is_staff": true}},
          {"model":"auth.User","pk":2,"fields":{"username":"bob"}},
          {"model" : "auth.group", "pk": 1, "fields": {"name": "staff"}},
          {"model": "blog.post", "pk": 1, "fields": {"author": 1}}
        ]
        """,
        """\
        [
          {"model": "accounts.user", "pk": 1, "fields": {"username": "admin", "is_staff": true}},
          {"model":"accounts.User","pk":2,"fields":{"username":"bob"}},
          {"model" : "auth.group", "pk": 1, "fields": {"name": "staff"}},
          {"model": "blog.post", "pk": 1, "fields": {"author": 1}}
        ]
        """,
        path="blog/fixtures/users.json",
    )


def test_dumpdata_natural_keys():
    new, result = apply(
        Fixtures, NATURAL_JSON, path="blog/fixtures/users.json", options=options(label="users")
    )
    assert new == (
        NATURAL_JSON.replace('"model": "auth.user"', '"model": "users.user"').replace(
            '"auth",\n        "user"', '"users",\n        "user"'
        )
    )
    assert new.count('"users"') == 2
    assert json.loads(new)[0]["fields"]["permissions"] == [["change_user", "users", "user"]]
    assert notes_of(result) == []


def test_content_type_natural_keys_inline():
    check_transformed(
        Fixtures,
        """\
        [{"model": "admin.logentry", "pk": 1, "fields": {"content_type": ["auth", "user"], "object_id": "1"}},
         {"model": "auth.group", "pk": 2, "fields": {"permissions": [["add_user", "auth", "user"], ["delete_user","auth","user"], ["change_group", "auth", "group"]]}}]
        """,
        """\
        [{"model": "admin.logentry", "pk": 1, "fields": {"content_type": ["accounts", "user"], "object_id": "1"}},
         {"model": "auth.group", "pk": 2, "fields": {"permissions": [["add_user", "accounts", "user"], ["delete_user","accounts","user"], ["change_group", "auth", "group"]]}}]
        """,
        path="blog/fixtures/log.json",
    )


def test_content_type_rows():
    check_transformed(
        Fixtures,
        """\
        [
        {
          "model": "contenttypes.contenttype",
          "pk": 4,
          "fields": {
            "app_label": "auth",
            "model": "user"
          }
        },
        {"model": "contenttypes.contenttype", "pk": 5, "fields": {"model": "user", "app_label": "auth"}},
        {"model": "contenttypes.contenttype", "pk": 6, "fields": {"app_label": "auth", "model": "group"}}
        ]
        """,
        """\
        [
        {
          "model": "contenttypes.contenttype",
          "pk": 4,
          "fields": {
            "app_label": "users",
            "model": "user"
          }
        },
        {"model": "contenttypes.contenttype", "pk": 5, "fields": {"model": "user", "app_label": "users"}},
        {"model": "contenttypes.contenttype", "pk": 6, "fields": {"app_label": "auth", "model": "group"}}
        ]
        """,
        path="blog/fixtures/contenttypes.json",
        options=options(label="users"),
    )


def test_yaml_rows_and_flow_keys():
    check_transformed(
        Fixtures,
        """\
        - model: auth.user  # the admin
          pk: 1
          fields:
            username: admin
            user_permissions: [[change_user, auth, user], ['view_user', 'auth', 'user']]
        -   model: "auth.User"
            pk: 2
            fields: {username: bob}
        - model: 'auth.user'
          pk: 3
        - model: admin.logentry
          pk: 1
          fields: {content_type: [auth, user], object_id: '1'}
        - model: contenttypes.contenttype
          pk: 4
          fields:
            app_label: auth
            model: user
        """,
        """\
        - model: users.user  # the admin
          pk: 1
          fields:
            username: admin
            user_permissions: [[change_user, users, user], ['view_user', 'users', 'user']]
        -   model: "users.User"
            pk: 2
            fields: {username: bob}
        - model: 'users.user'
          pk: 3
        - model: admin.logentry
          pk: 1
          fields: {content_type: [users, user], object_id: '1'}
        - model: contenttypes.contenttype
          pk: 4
          fields:
            app_label: users
            model: user
        """,
        path="blog/fixtures/users.yaml",
        options=options(label="users"),
    )


def test_note_yaml_block_natural_keys():
    result = check_transformed(
        Fixtures,
        """\
        - model: auth.group
          fields:
            name: staff
            permissions:
            - - change_user
              - auth
              - user
        - model: admin.logentry
          fields:
            content_type:
            - auth
            - user
        """,
        """\
        - model: auth.group
          fields:
            name: staff
            permissions:
            - - change_user
              - auth
              - user
        - model: admin.logentry
          fields:
            content_type:
            - auth
            - user
        """,
        path="blog/fixtures/groups.yml",
    )
    message = (
        "note: natural key [auth, user] as a YAML block list; if it is the user content type's key (or the last "
        "two items of a permission's), after the swap it is [accounts, user]; change auth to accounts here by "
        "hand [fixtures]"
    )
    assert notes_of(result) == [
        "blog/fixtures/groups.yml:6:7: " + message,
        "blog/fixtures/groups.yml:11:5: " + message,
    ]


def test_yaml_stays_valid():
    before = textwrap.dedent("""\
        - model: auth.user
          pk: 1
          fields: {username: admin, user_permissions: [[change_user, auth, user]]}
        """)
    new, _ = apply(Fixtures, before, path="blog/fixtures/users.yaml")
    assert yaml.safe_load(new) == [
        {
            "model": "accounts.user",
            "pk": 1,
            "fields": {
                "username": "admin",
                "user_permissions": [["change_user", "accounts", "user"]],
            },
        }
    ]


def test_noop_not_a_django_fixture():
    check_noop(
        Fixtures,
        """\
        {"name": "front", "dependencies": {"next-auth": "4.0.0"}, "roles": ["auth", "user"]}
        """,
        path="frontend/package.json",
    )
    check_noop(
        Fixtures,
        """\
        jobs:
          test:
            steps: [auth, user]
            model: auth.user
        """,
        path=".github/workflows/ci.yml",
    )


def test_noop_other_models_and_data():
    check_noop(
        Fixtures,
        """\
        [
          {"model": "auth.group", "pk": 1, "fields": {"name": "auth.user"}},
          {"model": "blog.post", "pk": 1, "fields": {"tags": ["auth", "users"], "model": "auth.username"}},
          {"model": "auth.permission", "pk": 1, "fields": {"content_type": ["auth", "group"]}}
        ]
        """,
        path="blog/fixtures/data.json",
    )


def test_noop_already_swapped():
    check_noop(
        Fixtures,
        """\
        [{"model": "accounts.user", "pk": 1, "fields": {"user_permissions": [["view_user", "accounts", "user"]]}}]
        """,
        path="blog/fixtures/users.json",
    )


def test_noop_migrations_and_templates():
    check_noop(Fixtures, '[{"model": "auth.user", "pk": 1}]\n', path="blog/migrations/data.json")
    check_noop(Fixtures, '[{"model": "auth.user", "pk": 1}]\n', path="blog/templates/data.html")


def test_yaml_with_windows_line_endings():
    check_transformed(
        Fixtures,
        "- model: auth.user\r\n  pk: 1\r\n- model: contenttypes.contenttype\r\n  fields:\r\n"
        "    app_label: auth\r\n    model: user\r\n",
        "- model: accounts.user\r\n  pk: 1\r\n- model: contenttypes.contenttype\r\n  fields:\r\n"
        "    app_label: accounts\r\n    model: user\r\n",
        path="blog/fixtures/users.yaml",
    )


# -- with real Django ---------------------------------------------------------------------------------------

PYTHON = sys.executable  # the interpreter running the tests has Django

PROJECT = {
    "proj_settings.py": """\
        SECRET_KEY = "test"
        INSTALLED_APPS = ["users", "django.contrib.auth", "django.contrib.contenttypes"]
        AUTH_USER_MODEL = "users.User"
        DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
        USE_TZ = True
        """,
    "users/__init__.py": "",
    "users/apps.py": """\
        from django.apps import AppConfig


        class UsersConfig(AppConfig):
            name = "users"
            default_auto_field = "django.db.models.AutoField"
        """,
    "users/models.py": """\
        from django.contrib.auth.models import AbstractUser


        class User(AbstractUser):
            class Meta(AbstractUser.Meta):
                db_table = "auth_user"
        """,
    "users/migrations/__init__.py": "",
}

CHECK = """\
import django
django.setup()
from django.contrib.auth import get_user_model
user = get_user_model().objects.get(username="alice")
print(user.has_perm("users.view_user"), user.has_perm("users.change_user"), user.groups.get().name)
"""


@pytest.mark.slow
def test_rewritten_natural_key_fixture_loads_after_the_swap(tmp_path):
    new, _ = apply(
        Fixtures, NATURAL_JSON, path="blog/fixtures/users.json", options=options(label="users")
    )
    for rel, text in PROJECT.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(textwrap.dedent(text))
    (tmp_path / "before.json").write_text(NATURAL_JSON)
    (tmp_path / "after.json").write_text(new)
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "DJANGO_SETTINGS_MODULE": "proj_settings"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [PYTHON, *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
        )

    for command in (["makemigrations", "users"], ["migrate"]):
        done = run("-m", "django", *command)
        assert done.returncode == 0, done.stderr
    assert (
        run("-m", "django", "loaddata", "before.json").returncode != 0
    )  # auth.user rows are swapped out
    loaded = run("-m", "django", "loaddata", "after.json")
    assert loaded.returncode == 0, loaded.stderr
    checked = run("-c", CHECK)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.split() == ["True", "True", "staff"]

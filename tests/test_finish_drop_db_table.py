"""drop_db_table: before/after, the expected output parsed, a second run a no-op."""

from __future__ import annotations

import ast
import textwrap

from codemods.swap_user.finish.drop_db_table import drop_db_table


def check_transformed(before: str, after: str) -> None:
    before, after = textwrap.dedent(before), textwrap.dedent(after)
    ast.parse(after)
    new, dropped = drop_db_table(before)
    assert new == after
    assert dropped == 1
    assert drop_db_table(new) == (new, 0)


def check_noop(source: str) -> None:
    source = textwrap.dedent(source)
    assert drop_db_table(source) == (source, 0)


def test_meta_with_only_db_table_goes():
    check_transformed(
        '''\
        from django.contrib.auth.models import AbstractUser


        class User(AbstractUser):
            """The project's user model."""

            class Meta(AbstractUser.Meta):
                db_table = "auth_user"
        ''',
        '''\
        from django.contrib.auth.models import AbstractUser


        class User(AbstractUser):
            """The project's user model."""
        ''',
    )


def test_other_meta_options_stay():
    check_transformed(
        """\
        class User(AbstractUser):
            nickname = models.CharField(max_length=20)

            class Meta(AbstractUser.Meta):
                db_table = 'auth_user'
                ordering = ["username"]
        """,
        """\
        class User(AbstractUser):
            nickname = models.CharField(max_length=20)

            class Meta(AbstractUser.Meta):
                ordering = ["username"]
        """,
    )


def test_a_class_left_empty_gets_pass():
    check_transformed(
        """\
        class User(AbstractUser):
            class Meta(AbstractUser.Meta):
                db_table = "auth_user"
        """,
        """\
        class User(AbstractUser):
            pass
        """,
    )


def test_noop_another_table():
    check_noop("""\
        class User(AbstractUser):
            class Meta(AbstractUser.Meta):
                db_table = "people"
        """)


def test_noop_another_class():
    check_noop("""\
        class Profile(models.Model):
            class Meta:
                db_table = "auth_user"
        """)


def test_noop_nested_class_named_user():
    check_noop("""\
        class Outer:
            class User(AbstractUser):
                class Meta(AbstractUser.Meta):
                    db_table = "auth_user"
        """)

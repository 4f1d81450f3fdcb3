"""Statements a transform lengthened past the project's line length are laid out again, alone."""

import ast
import textwrap

import libcst as cst
import pytest

from codemods.core.fmt import format_python
from codemods.core.style import ProjectStyle
from codemods.core.wrap import wrap_long_statements


def wrap(before: str, after: str, configured=None) -> str:
    original = textwrap.dedent(before)
    tree = cst.parse_module(textwrap.dedent(after))
    return wrap_long_statements(tree, tree.code, original, configured)


def test_a_lengthened_statement_is_wrapped_like_black_would():
    before = """\
        class Member(models.Model):
            user = models.ForeignKey(User, models.CASCADE, related_name='memberships', db_index=True)
            role = models.CharField(max_length=1, default='w', choices=ROLES, help_text="this one is long, and it was already long before")
        """
    after = before.replace("ForeignKey(User,", "ForeignKey(settings.AUTH_USER_MODEL,")
    assert wrap(before, after, configured=88) == textwrap.dedent("""\
        class Member(models.Model):
            user = models.ForeignKey(
                settings.AUTH_USER_MODEL,
                models.CASCADE,
                related_name='memberships',
                db_index=True,
            )
            role = models.CharField(max_length=1, default='w', choices=ROLES, help_text="this one is long, and it was already long before")
        """)


def test_a_continuation_line_lengthened_in_an_indented_block_is_measured_where_it_stands():
    before = """\
        class Grants(TestCase):
            def setUp(self):
                self.user.user_permissions.add(
                    Permission.objects.get(codename="view_user", content_type__app_label="auth"),
                )
        """
    after = before.replace('"auth"', '"accounts"')  # 92 characters at its indentation, 80 without
    assert wrap(before, after, configured=88) == textwrap.dedent("""\
        class Grants(TestCase):
            def setUp(self):
                self.user.user_permissions.add(
                    Permission.objects.get(
                        codename="view_user", content_type__app_label="accounts"
                    ),
                )
        """)


def test_without_a_configured_length_the_files_own_longest_line_is_the_limit():
    before = """\
        x = models.ForeignKey(User, models.CASCADE, related_name="memberships", db_index=True, null=True)
        y = "a line that is longer than everything else in this file, before and after: the limit is this line's own length, whatever it is"
        """
    after = before.replace("ForeignKey(User,", "ForeignKey(settings.AUTH_USER_MODEL,")
    assert wrap(before, after) == textwrap.dedent(after)


def test_noop_a_docstring_in_a_file_with_a_wrapped_statement():
    before = """\
        class ProjectManager(models.Manager):
            def for_api_key(self, api_key):
                \"\"\"Look up project by API key.

                This handles both the old plain text API keys, and the new hashed API keys.
                For the hashed API keys, it looks up project by the first 8 characters of the
                random part of the key.
                \"\"\"
                return None

        owner = models.ForeignKey(User, models.CASCADE, related_name="projects", blank=True)
        """
    after = before.replace("ForeignKey(User,", "ForeignKey(settings.AUTH_USER_MODEL,")
    assert wrap(before, after, configured=88) == textwrap.dedent(after).replace(
        'ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="projects", blank=True)',
        'ForeignKey(\n    settings.AUTH_USER_MODEL, models.CASCADE, related_name="projects", blank=True\n)',
    )


def _strings(code: str) -> list:
    return [
        n.value
        for n in ast.walk(ast.parse(code))
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


@pytest.mark.parametrize(
    "after",
    [
        # a docstring in a file where another statement is wrapped: black would re-indent it
        '''\
        class A:
            def f(self):
                """First line.

                A continuation line, short enough, but long with its indentation twice.
                """
                user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="a_objects")
        ''',
        # a docstring line that became too long (as if a rewrite had lengthened it)
        '''\
        class A:
            def f(self):
                """First line.

                    Its users are settings.AUTH_USER_MODEL, now a line too long for this.
                """
        ''',
        # a multi-line string argument of a statement that is wrapped
        '''\
        class A:
            def f(self):
                user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, help_text="""two
          lines""", related_name="a_objects")
        ''',
        # implicit concatenation and escapes
        """\
        class A:
            user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, help_text="a\\tb" \'c\'  "\\N{BULLET}")
        """,
    ],
    ids=["docstring", "long-docstring", "multiline-argument", "concatenation"],
)
def test_every_string_of_a_reflowed_statement_keeps_its_value(after):
    before = after.replace("settings.AUTH_USER_MODEL", "User")
    wrapped = wrap(before, after, configured=79)
    assert _strings(wrapped) == _strings(textwrap.dedent(after))


def test_short_enough_is_left_alone():
    before = "user = models.ForeignKey(User, models.CASCADE)\n"
    after = "user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE)\n"
    assert wrap(before, after, configured=88) == after


def test_generated_code_in_single_quotes():
    source = textwrap.dedent('''\
        """The app's users."""
        from django.db import models

        class User(models.Model):
            name = models.CharField("name", max_length=10, help_text="the user's name")
            path = r"C:\\x"

            class Meta:
                db_table = "auth_user"
        ''')
    assert format_python(source, ProjectStyle(single_quotes=True)) == textwrap.dedent('''\
        """The app's users."""

        from django.db import models


        class User(models.Model):
            name = models.CharField('name', max_length=10, help_text="the user's name")
            path = r"C:\\x"

            class Meta:
                db_table = 'auth_user'
        ''')


def test_a_lengthened_string_is_cut_at_a_space_inside_its_brackets():
    before = """\
        def report(deleted):
            print(
                f"Deleted {deleted.get('auth.User', 0)} user(s) "
                f"(plus their profiles)."
            )
        """
    after = before.replace("'auth.User'", "settings.AUTH_USER_MODEL")
    assert wrap(before, after, configured=64) == textwrap.dedent("""\
        def report(deleted):
            print(
                f"Deleted {deleted.get(settings.AUTH_USER_MODEL, 0)} "
                "user(s) "
                f"(plus their profiles)."
            )
        """)


def test_noop_a_string_that_cannot_be_cut_in_brackets():
    before = 'x = "a string that says nothing about users"\n'
    after = 'x = "a string that says nothing about users, but it is longer now"\n'
    assert wrap(before, after, configured=40) == after


@pytest.mark.parametrize(
    "before",
    [
        # a field in a class, a call in a method, a statement under a decorator, a long comment
        'class A:\n    user = models.ForeignKey(User, models.CASCADE, related_name="memberships", db_index=True)\n',
        "class A:\n    def f(self):\n        return Thing.objects.filter(owner=User, created_by=User, reviewed=User)\n",
        "@receiver(post_save, sender=User)  # the sender is long enough to push this line past the limit\n"
        "def made(sender, **kwargs):\n    pass\n",
        'def f():\n    x = """\n    a string over lines, with User in it, that is long enough to pass the limit\n    """\n'
        "    return User\n",
        "if ok: y = compute(User, User, User, User, User, User, User, User, User, User, User, User)\n",
    ],
)
def test_the_text_path_lays_out_what_the_tree_path_lays_out(before, monkeypatch):
    after = before.replace("User", "settings.AUTH_USER_MODEL")
    by_text = wrap(before, after, configured=88)
    monkeypatch.setattr("codemods.core.wrap._wrap_text", lambda *args: None)
    assert wrap(before, after, configured=88) == by_text

"""core/layout.py: the changed simple statements laid out by black one by one, the rest of the file kept."""

import functools

import pytest

from codemods.core import fmt, layout
from codemods.core.style import ProjectStyle

STYLE = ProjectStyle(line_length=70, formatters=("black",))
LAY_OUT = functools.partial(fmt._statement_layout, style=STYLE)


def lay_out(old: str, new: str) -> str:
    return layout.lay_out_changed(old, new, LAY_OUT, 70)


OLD = """\
from django.contrib.auth.models import User
from django.db import models


class Ticket(models.Model):
    owner = models.ForeignKey(User, on_delete=models.CASCADE)
    untouched = compute( 1,2 )
"""


def test_a_changed_statement_is_laid_out_at_its_indentation_and_the_rest_kept():
    new = OLD.replace("(User,", "(settings.AUTH_USER_MODEL,").replace(
        "from django.contrib.auth.models import User\n", "from django.conf import settings\n"
    )
    assert lay_out(OLD, new) == (
        "from django.conf import settings\n"
        "from django.db import models\n\n\n"
        "class Ticket(models.Model):\n"
        "    owner = models.ForeignKey(\n"
        "        settings.AUTH_USER_MODEL, on_delete=models.CASCADE\n"
        "    )\n"
        "    untouched = compute( 1,2 )\n"  # black would change it, but the rewrite did not
    )


def test_a_statement_black_had_not_laid_out_stays_as_the_rewrite_left_it():
    old = "owner = models.ForeignKey( User, on_delete=models.CASCADE, related_name='owned_tickets' )\n"
    new = old.replace("User", "settings.AUTH_USER_MODEL")
    assert lay_out(old, new) == new


def test_an_added_statement_is_laid_out():
    old = "import os\n\nx = 1\n"
    new = "import os\nfrom django.contrib.auth import get_user_model\n\nx = 1\n"
    assert lay_out(old, new) == new
    crowded = "import os\nfrom   django.contrib.auth import get_user_model\n\nx = 1\n"
    assert lay_out(old, crowded) == new


def test_a_changed_decorator_is_laid_out_before_its_definition():
    old = "@receiver(post_save, sender=User)\ndef made(sender, instance, created, **kwargs):\n    pass\n"
    new = old.replace(
        "sender=User", "sender=settings.AUTH_USER_MODEL, dispatch_uid='made_for_users'"
    )
    assert lay_out(old, new) == (
        "@receiver(\n"
        "    post_save,\n"
        "    sender=settings.AUTH_USER_MODEL,\n"
        '    dispatch_uid="made_for_users",\n'
        ")\n"
        "def made(sender, instance, created, **kwargs):\n"
        "    pass\n"
    )


@pytest.mark.parametrize(
    "old, new",
    [
        # a def line (a compound statement's header)
        ("def f(user: User):\n    pass\n", "def f(user: AbstractUser):\n    pass\n"),
        # a comment
        ("x = 1  # User\n# User\n", "x = 1  # User\n# the user\n"),
        # a string over lines would move with the indentation
        ('def f():\n    x = """a\nUser"""\n', 'def f():\n    x = """a\nthe user"""\n'),
        # two statements on a line
        ("x = User; y = 2\n", "x = get_user_model(); y = 2\n"),
        # the formatter told to keep its hands off
        ("x = User  # fmt: skip\n", "x = get_user_model()  # fmt: skip\n"),
        # a bare string is a docstring to black when it stands alone
        ('def f():\n    "User"\n', 'def f():\n    "the user"\n'),
    ],
)
def test_a_change_outside_simple_statements_asks_for_the_whole_file(old, new):
    with pytest.raises(layout.Whole):
        lay_out(old, new)


@pytest.mark.parametrize(
    "old, new",
    [
        # after a function's imports, black wants a blank line before the assignment
        (
            "class A:\n    def ready(self):\n        import actstream\n"
            "        from django.contrib.auth.models import User\n\n        actstream.register(User)\n",
            "class A:\n    def ready(self):\n        import actstream\n"
            "        User = get_user_model()\n\n        actstream.register(User)\n",
        ),
        # the first import of a block goes: no blank line opens the block
        (
            "def f():\n    from django.contrib.auth.models import User\n\n    from .models import P\n\n"
            "    return User, P\n",
            "def f():\n\n    from .models import P\n    User = get_user_model()\n\n    return User, P\n",
        ),
        # two blank lines after the imports (isort's, for a class) before an assignment: one
        (
            "import os\n\n\nclass A:\n    pass\n",
            "import os\n\n\nUser = get_user_model()\n\n\nclass A:\n    pass\n",
        ),
        # a statement added among others, far down the file
        (
            "import os\n\n\ndef f():\n    a = 1\n    b = 2\n\n\ndef g():\n    return os\n",
            "import os\n\n\ndef f():\n    a = 1\n    c = 3\n    b = 2\n\n\ndef g():\n    return os\n",
        ),
    ],
)
def test_blank_lines_around_statements_that_come_and_go_are_black_s(old, new):
    assert fmt.format_python(old, STYLE) == old
    assert lay_out(old, new) == fmt.format_python(new, STYLE)


def test_on_a_file_black_leaves_as_it_is_the_result_is_black_on_the_whole_file():
    old = fmt.format_python(
        "import os\n\n\nclass A:\n    def f(self):\n        if os.environ:\n"
        "            return User.objects.filter(is_active=True, is_staff=False).first()\n",
        STYLE,
    )
    new = old.replace("User.objects", "get_user_model().objects")
    assert lay_out(old, new) == fmt.format_python(new, STYLE) != new

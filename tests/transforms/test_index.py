"""The project index decides which files the name-based transforms read: every spelling of auth's User counts."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from codemods.swap_user import index
from codemods.swap_user.transforms.model_fields import ModelFields
from codemods.swap_user.transforms.signals import Signals
from codemods.swap_user.transforms.user_class import UserClass

from .tools import check_transformed, options


def build(files: dict[str, str], exporting=lambda path: True) -> index.UserIndex:
    texts = {path: textwrap.dedent(text) for path, text in files.items()}

    def module_of(path: str) -> tuple[str, bool]:
        parts = path[: -len(".py")].split("/")
        package = parts[-1] == "__init__"
        return ".".join(parts[:-1] if package else parts), package

    return index.build(Path("."), list(texts), module_of, texts.get, exporting)


def user_files(files: dict[str, str]) -> set[str]:
    return set(build(files).user_files)


def test_attribute_chains_through_auth_and_its_models_module():
    found = user_files(
        {
            "blog/a.py": "from django.contrib import auth\n\nOWNER = auth.models.User\n",
            "blog/b.py": "import django.contrib.auth\n\nOWNER = django.contrib.auth.models.User\n",
            "blog/c.py": "import django.contrib.auth.models as m\n\nOWNER = m.User\n",
            "blog/d.py": "from django.contrib.auth import models as am\n\nOWNER = am.User\n",
            "blog/e.py": "from django import contrib\n\nOWNER = contrib.auth.models.User\n",
            "blog/f.py": "from django.contrib import auth as dj_auth\n\nOWNER = dj_auth.models.User\n",
        }
    )
    assert found == {"blog/a.py", "blog/b.py", "blog/c.py", "blog/d.py", "blog/e.py", "blog/f.py"}


def test_attribute_chain_through_a_reexporting_package():
    found = user_files(
        {
            "blog/__init__.py": "",
            "blog/models.py": "from django.contrib.auth.models import User\n",
            "shop/views.py": "import blog.models\n\nOWNER = blog.models.User\n",
            "shop/forms.py": "from blog import models\n\nOWNER = models.User\n",
        }
    )
    assert found == {"blog/models.py", "shop/views.py", "shop/forms.py"}


def test_noop_auth_package_without_user():
    found = user_files(
        {
            "blog/views.py": """\
                from django.contrib import auth


                def out(request):
                    auth.logout(request)
                    return auth.models.Group.objects.all()
                """,
        }
    )
    assert found == set()


def test_auth_package_attribute_is_rewritten_as_the_imported_name_is():
    before = """\
        from django.contrib import auth
        from django.db import models
        from django.db.models.signals import post_save


        class Note(models.Model):
            owner = models.ForeignKey(auth.models.User, on_delete=models.CASCADE)


        post_save.connect(print, sender=auth.models.User)


        def logout_others(request):
            auth.logout(request)
            return isinstance(request.user, auth.models.User)
        """
    found = user_files({"blog/models.py": before})
    check_transformed(
        (ModelFields, Signals, UserClass),
        before,
        """\
        from django.conf import settings
        from django.contrib import auth
        from django.contrib.auth import get_user_model
        from django.db import models
        from django.db.models.signals import post_save


        class Note(models.Model):
            owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)


        post_save.connect(print, sender=settings.AUTH_USER_MODEL)


        def logout_others(request):
            auth.logout(request)
            return isinstance(request.user, get_user_model())
        """,
        options=options(user_files=frozenset(found)),
    )


def test_reexports_are_followed_through_the_project():
    found = build(
        {
            "blog/forms.py": "from accounts.users import User\n",  # read first: found on a later pass
            "accounts/__init__.py": "from .models import User\n",
            "accounts/users.py": "from accounts.models import AuthUser as User\n",
            "accounts/models.py": "from django.contrib.auth.models import User as AuthUser\n",
            "blog/views.py": "from accounts import User\n\nOWNER = User\n",
        }
    )
    # accounts/__init__.py imports a User accounts.models does not have: not auth's
    assert found.user_names == {
        "django.contrib.auth.models.User",
        "accounts.models.AuthUser",
        "accounts.users.User",
        "blog.forms.User",
    }
    assert found.reexporters == {"accounts.models", "accounts.users"}
    assert found.user_files == {"accounts/models.py", "accounts/users.py", "blog/forms.py"}


def test_module_level_imports_reexport_even_conditional_ones_but_not_those_in_functions():
    found = build(
        {
            "blog/compat.py": """\
                try:
                    from django.contrib.auth.models import User
                except ImportError:
                    User = None
                """,
            "blog/lazy.py": """\
                def owner():
                    from django.contrib.auth.models import User
                    return User
                """,
            "blog/views.py": "from blog.compat import User\nfrom blog.lazy import User as Lazy\n",
        }
    )
    assert found.user_names == {
        "django.contrib.auth.models.User",
        "blog.compat.User",
        "blog.views.User",
    }
    assert found.reexporters == {"blog.compat"}
    assert found.user_files == {"blog/compat.py", "blog/lazy.py", "blog/views.py"}


def test_noop_a_migration_reexports_nothing():
    files = {
        "blog/migrations/initial.py": "from django.contrib.auth.models import User\n",
        "blog/views.py": "from blog.migrations.initial import User\n",
    }
    found = build(files, exporting=lambda path: "/migrations/" not in path)
    assert found.user_names == {"django.contrib.auth.models.User"}
    assert found.user_files == {"blog/migrations/initial.py"}
    assert build(files).user_files == {"blog/migrations/initial.py", "blog/views.py"}


def test_a_file_that_does_not_parse_is_kept_for_the_runner():
    found = build(
        {
            "blog/broken.py": "from django.contrib.auth.models import User\ndef f(:\n",
            "blog/other.py": "def f(:\n",  # no User: nothing to look at
            "blog/words.py": "# User, users\nUSERS = 1\n",
        }
    )
    assert found.user_files == {"blog/broken.py"}


@pytest.mark.parametrize(
    "text,found",
    [
        (b"x = auth.User\n", True),
        (b"x = auth. \\\n    User\n", True),
        (b"x = (auth.  # the model\n     # of users\n     User)\n", True),
        (b"x = 1.  # User, in a comment\n", False),
        (b"x = auth.Users\n", False),
    ],
)
def test_any_user_attribute_reads_comments_to_their_line_end(text, found):
    # one way to match each text: comments full of `#` after a period (banners) cost no backtracking
    assert (index._ANY_USER_ATTRIBUTE.search(text) is not None) == found

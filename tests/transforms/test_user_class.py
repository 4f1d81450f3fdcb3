from codemods.swap_user.transforms.user_class import UserClass

from .tools import check_noop, check_transformed, options, styled


def test_module_import_becomes_get_user_model_after_the_imports():
    check_transformed(
        UserClass,
        """\
        from django.contrib.auth.models import User
        from django.shortcuts import render


        def index(request):
            return render(request, "x.html", {"n": User.objects.count()})
        """,
        """\
        from django.contrib.auth import get_user_model
        from django.shortcuts import render

        User = get_user_model()


        def index(request):
            return render(request, "x.html", {"n": User.objects.count()})
        """,
        path="blog/views.py",
    )


def test_the_import_that_opened_the_file_leaves_no_blank_line_on_top():
    check_transformed(
        UserClass,
        """\
        from django.contrib.auth.models import User

        from blog.models import Post


        def authors():
            return User.objects.filter(pk__in=Post.objects.values("author"))
        """,
        """\
        from django.contrib.auth import get_user_model

        from blog.models import Post

        User = get_user_model()


        def authors():
            return User.objects.filter(pk__in=Post.objects.values("author"))
        """,
        path="blog/views.py",
    )


def test_other_names_of_the_import_stay():
    check_transformed(
        UserClass,
        """\
        from django.contrib.auth.models import Group, Permission, User

        ADMINS = Group.objects.none()
        USERS = User.objects.none()
        """,
        """\
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group, Permission

        User = get_user_model()

        ADMINS = Group.objects.none()
        USERS = User.objects.none()
        """,
        path="blog/queries.py",
    )


def test_parenthesized_import_keeps_its_layout():
    check_transformed(
        UserClass,
        """\
        from django.contrib.auth.models import (
            Group,
            User,
        )

        x = isinstance(None, User)
        """,
        """\
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import (
            Group,
        )

        User = get_user_model()

        x = isinstance(None, User)
        """,
        path="blog/checks.py",
    )


def test_alias_is_kept_as_the_bound_name():
    check_transformed(
        UserClass,
        """\
        from django.contrib.auth.models import User as AuthUser


        def make(name: str) -> AuthUser:
            return AuthUser.objects.create_user(name)
        """,
        """\
        from django.contrib.auth import get_user_model

        AuthUser = get_user_model()


        def make(name: str) -> AuthUser:
            return AuthUser.objects.create_user(name)
        """,
        path="blog/services.py",
    )


def test_unused_import_is_removed_with_its_comment_kept():
    check_transformed(
        UserClass,
        """\
        import os

        # the user model
        from django.contrib.auth.models import User

        BASE = os.getcwd()
        """,
        """\
        import os

        # the user model

        BASE = os.getcwd()
        """,
        path="blog/paths.py",
    )


def test_function_level_import_is_replaced_in_place():
    check_transformed(
        UserClass,
        """\
        def count():
            from django.contrib.auth.models import User

            return User.objects.count()
        """,
        """\
        from django.contrib.auth import get_user_model


        def count():
            User = get_user_model()

            return User.objects.count()
        """,
        path="blog/stats.py",
    )


def test_type_checking_import_names_the_new_model():
    check_transformed(
        UserClass,
        """\
        from __future__ import annotations

        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from django.contrib.auth.models import User


        def greet(user: User) -> str:
            return user.username
        """,
        """\
        from __future__ import annotations

        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from accounts.models import User


        def greet(user: User) -> str:
            return user.username
        """,
        path="blog/greetings.py",
    )


def test_type_checking_import_in_a_nested_app():
    check_transformed(
        UserClass,
        """\
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from django.contrib.auth.models import Group, User as U

        def f(u: "U", g: "Group"): ...
        """,
        """\
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from django.contrib.auth.models import Group
            from hc.users.models import User as U

        def f(u: "U", g: "Group"): ...
        """,
        path="hc/x.py",
        options=options(label="users", app_module="hc.users"),
    )


def test_module_alias_attribute_becomes_a_call():
    check_transformed(
        UserClass,
        """\
        from django.contrib.auth import models as auth_models


        def staff():
            return auth_models.User.objects.filter(is_staff=True)
        """,
        """\
        from django.contrib.auth import get_user_model


        def staff():
            return get_user_model().objects.filter(is_staff=True)
        """,
        path="blog/staff.py",
    )


def test_module_alias_kept_when_still_used():
    check_transformed(
        UserClass,
        """\
        import django.contrib.auth.models as m

        GROUPS = m.Group.objects.all()
        USERS = m.User.objects.all()
        """,
        """\
        import django.contrib.auth.models as m
        from django.contrib.auth import get_user_model

        GROUPS = m.Group.objects.all()
        USERS = get_user_model().objects.all()
        """,
        path="blog/all.py",
    )


def test_full_dotted_use():
    check_transformed(
        UserClass,
        """\
        import django.contrib.auth.models


        def n():
            return django.contrib.auth.models.User.objects.count()
        """,
        """\
        from django.contrib.auth import get_user_model


        def n():
            return get_user_model().objects.count()
        """,
        path="blog/n.py",
    )


def test_relative_import_of_auth_models_from_inside_auth_is_not_ours():
    check_noop(UserClass, "from .models import User\nx = User\n", path="blog/other.py")


def test_reexporting_module_keeps_a_binding_even_unused_locally():
    check_transformed(
        UserClass,
        """\
        from django.contrib.auth.models import User
        from django.db import models


        class Club(models.Model):
            name = models.CharField(max_length=10)
        """,
        """\
        from django.contrib.auth import get_user_model
        from django.db import models

        User = get_user_model()


        class Club(models.Model):
            name = models.CharField(max_length=10)
        """,
        path="clubs/models.py",
        options=options(reexporters=frozenset({"clubs.models"})),
    )


def test_name_in_dunder_all_keeps_a_binding():
    check_transformed(
        UserClass,
        """\
        from django.contrib.auth.models import User

        __all__ = ["User"]
        """,
        """\
        from django.contrib.auth import get_user_model

        User = get_user_model()

        __all__ = ["User"]
        """,
        path="blog/api.py",
    )


def test_existing_get_user_model_import_is_reused():
    check_transformed(
        UserClass,
        """\
        from django.contrib.auth import get_user_model, login
        from django.contrib.auth.models import User

        def go(request):
            login(request, User.objects.first())
        """,
        """\
        from django.contrib.auth import get_user_model, login

        User = get_user_model()

        def go(request):
            login(request, User.objects.first())
        """,
        path="blog/go.py",
    )


def test_import_in_try_block_is_replaced_in_place():
    check_transformed(
        UserClass,
        """\
        try:
            from django.contrib.auth.models import User
        except ImportError:
            User = None

        HAS_USERS = User is not None
        """,
        """\
        from django.contrib.auth import get_user_model

        try:
            User = get_user_model()
        except ImportError:
            User = None

        HAS_USERS = User is not None
        """,
        path="blog/compat.py",
    )


def test_noop_local_class_named_user():
    check_noop(
        UserClass,
        """\
        from dataclasses import dataclass


        @dataclass
        class User:
            name: str


        def make():
            return User("x")
        """,
        path="integrations/github.py",
    )


def test_noop_get_user_model_already_used():
    check_noop(
        UserClass,
        """\
        from django.contrib.auth import get_user_model

        User = get_user_model()
        n = User.objects.count()
        """,
        path="blog/ok.py",
    )


def test_noop_import_from_a_reexporting_project_module():
    # The re-exporting module keeps `User = get_user_model()`, so this import stays valid.
    check_noop(
        UserClass,
        "from clubs.models import User\nn = User.objects.count()\n",
        path="reviews/views.py",
    )


def test_import_under_a_section_heading_is_replaced_there():
    check_transformed(
        UserClass,
        """\
        # Standard library
        import re

        # Django
        from django.contrib.auth.models import User


        def taken(name):
            return User.objects.filter(username=re.escape(name)).exists()
        """,
        """\
        # Standard library
        import re

        # Django
        from django.contrib.auth import get_user_model

        User = get_user_model()


        def taken(name):
            return User.objects.filter(username=re.escape(name)).exists()
        """,
        path="blog/names.py",
    )


def test_first_import_under_a_heading_in_the_module_header_is_replaced_there():
    # the license block and the heading are the module's header, not the import's own leading lines
    check_transformed(
        UserClass,
        """\
        # This file is part of Acme.
        #
        # Licensed under the AGPL.

        # Django
        from django.contrib.auth.models import User

        # Third Party
        from rest_framework.authtoken.models import Token


        def token(pk):
            return Token.objects.get(user=User.objects.get(pk=pk))
        """,
        """\
        # This file is part of Acme.
        #
        # Licensed under the AGPL.

        # Django
        from django.contrib.auth import get_user_model

        # Third Party
        from rest_framework.authtoken.models import Token

        User = get_user_model()


        def token(pk):
            return Token.objects.get(user=User.objects.get(pk=pk))
        """,
        path="blog/tokens.py",
    )


def test_blank_lines_after_the_imports_follow_isort():
    # lines_after_imports = 2 in the project's isort configuration
    check_transformed(
        UserClass,
        """\
        from django.contrib.auth.models import User


        def count():
            return User.objects.count()
        """,
        """\
        from django.contrib.auth import get_user_model


        User = get_user_model()


        def count():
            return User.objects.count()
        """,
        path="blog/stats.py",
        options=styled(lines_after_imports=2),
    )


def test_import_among_a_functions_imports_is_assigned_after_them():
    check_transformed(
        UserClass,
        """\
        def database_initialised():
            # Django
            from django.contrib.auth.models import User
            from django.db import DatabaseError

            try:
                return User.objects.exists()
            except DatabaseError:
                return False
        """,
        """\
        from django.contrib.auth import get_user_model


        def database_initialised():
            # Django
            from django.db import DatabaseError
            User = get_user_model()

            try:
                return User.objects.exists()
            except DatabaseError:
                return False
        """,
        path="blog/tasks.py",
    )

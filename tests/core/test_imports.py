"""Imports the rewrite adds go where the project's import sorter (isort, ruff's I rules) wants them."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.core.imports import place_imports
from codemods.core.style import ProjectStyle


def placed(source: str, items: list[tuple[str, str]], **style: object) -> str:
    module = cst.parse_module(textwrap.dedent(source))
    return place_imports(module, items, ProjectStyle(**style)).code


VIEWS = """\
    import logging

    from django.contrib import messages
    from django.contrib.auth import logout as auth_logout
    from django.contrib.auth.decorators import login_required
    """


def test_a_name_does_not_join_an_aliased_import():
    # isort's and ruff's default (combine-as-imports off): `as` names stay on a line of their own
    assert placed(VIEWS, [("django.contrib.auth", "get_user_model")]) == textwrap.dedent("""\
        import logging

        from django.contrib import messages
        from django.contrib.auth import get_user_model
        from django.contrib.auth import logout as auth_logout
        from django.contrib.auth.decorators import login_required
        """)


def test_combine_as_imports_joins_it():
    assert placed(VIEWS, [("django.contrib.auth", "get_user_model")], combine_as=True) == textwrap.dedent("""\
        import logging

        from django.contrib import messages
        from django.contrib.auth import get_user_model, logout as auth_logout
        from django.contrib.auth.decorators import login_required
        """)


def test_force_single_line_adds_a_line_in_sorted_place():
    source = """\
        from django.contrib.auth import authenticate
        from django.contrib.auth import logout
        from django.db import models
        """
    assert placed(source, [("django.contrib.auth", "get_user_model")], force_single_line=True) == textwrap.dedent("""\
        from django.contrib.auth import authenticate
        from django.contrib.auth import get_user_model
        from django.contrib.auth import logout
        from django.db import models
        """)


def test_names_are_ordered_by_type():
    # CONSTANTS, then Classes, then the rest: isort's and ruff's default
    source = "from accounts.models import Profile, get_profile\n"
    assert placed(source, [("accounts.models", "User")]) == (
        "from accounts.models import Profile, User, get_profile\n")
    assert placed(source, [("accounts.models", "User")], order_by_type=False) == (
        "from accounts.models import Profile, get_profile, User\n")  # not sorted case-insensitively: appended


def test_straight_imports_first_unless_force_sort_within_sections():
    source = """\
        import django.contrib.auth.models
        from django.db import models
        """
    assert placed(source, [("django.conf", "settings")]) == textwrap.dedent("""\
        import django.contrib.auth.models
        from django.conf import settings
        from django.db import models
        """)
    assert placed(source, [("django.conf", "settings")], force_sort_within_sections=True) == textwrap.dedent("""\
        from django.conf import settings
        import django.contrib.auth.models
        from django.db import models
        """)


def test_first_party_section():
    source = """\
        from django.db import models

        from blog.models import Post
        """
    assert placed(source, [("accounts.models", "User")], first_party=frozenset({"blog", "accounts"})) == (
        textwrap.dedent("""\
            from django.db import models

            from accounts.models import User
            from blog.models import Post
            """))

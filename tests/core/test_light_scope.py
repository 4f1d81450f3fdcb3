"""The light name resolution answers as LibCST's ScopeProvider does, or says it cannot (None, NeedsScope)."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, ScopeProvider

from codemods.core import light_scope
from codemods.core.light_scope import NeedsScope

MODULE = """\
    from typing import Optional

    import django.contrib.auth.models
    from django.contrib.auth import get_user_model, models as auth_models
    from django.db import models

    from .forms import SignupForm


    class Post(models.Model):
        author = models.ForeignKey(auth_models.User, on_delete=models.CASCADE)

        def owner(self) -> "Optional[auth_models.User]":
            return django.contrib.auth.models.User.objects.first()


    FORM = SignupForm
    MODEL = get_user_model()
    """


def _names_and_chains(module: cst.Module) -> list[cst.BaseExpression]:
    """Every name and attribute chain of the code, outside the import statements (no transform asks of them)."""
    found: list[cst.BaseExpression] = []

    class Collect(cst.CSTVisitor):
        def visit_Import(self, node: cst.Import) -> bool:
            return False

        def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
            return False

        def visit_Name(self, node: cst.Name) -> None:
            found.append(node)

        def visit_Attribute(self, node: cst.Attribute) -> bool:
            found.append(node)
            node.value.visit(self)  # not node.attr: an attribute's name is no name of the scope
            return False

    module.visit(Collect())
    return found


def test_qualified_names_of_names_and_attribute_chains():
    light = light_scope.build(textwrap.dedent(MODULE))
    assert light is not None and light.ambiguous == set()

    def names(code: str) -> set[str]:
        return light.qualified_names(cst.parse_expression(code))

    assert names("auth_models.User") == {"django.contrib.auth.models.User"}
    assert names("django.contrib.auth.models.User.objects") == {
        "django.contrib.auth.models.User.objects"
    }
    assert names("models.ForeignKey") == {"django.db.models.ForeignKey"}
    assert names("SignupForm") == {
        ".forms.SignupForm"
    }  # relative: the transform resolves it against its module
    assert names("Post") == set()  # not imported
    assert names("get_user_model().objects") == set()  # rooted in a call, not a name


def test_answers_as_the_scope_provider_does():
    source = textwrap.dedent(MODULE)
    light = light_scope.build(source)
    wrapper = MetadataWrapper(cst.parse_module(source))
    scopes = wrapper.resolve(ScopeProvider)
    asked = 0
    for node in _names_and_chains(wrapper.module):
        scope = scopes.get(node)
        exact = (
            {q.name for q in scope.get_qualified_names_for(node)} if scope is not None else set()
        )
        mine = light.qualified_names(node)
        if (
            mine
        ):  # the light analysis answers for names rooted in an import; the rest are not asked of it
            asked += 1
            assert mine == exact, cst.Module([]).code_for_node(node)
    assert asked >= 8


def test_reads_count_string_annotations_but_not_other_strings():
    light = light_scope.build(textwrap.dedent("""\
        from typing import Optional

        from django.contrib.auth.models import User


        def owner(post) -> "Optional[User]":
            label = "User"
            return Optional[User]
        """))
    assert light.reads("User") == 2
    assert light.reads("Optional") == 2
    assert light.reads("label") == 0


@pytest.mark.parametrize(
    "source",
    [
        "from django.contrib.auth.models import User\nUser = None\n",
        "from django.contrib.auth.models import User\n\ndef f(User):\n    return User\n",
        "from django.contrib.auth.models import User\nfrom accounts.models import User\n",
        "from django.contrib.auth.models import User\n\nclass User(User):\n    pass\n",
        "from django.contrib.auth.models import User\n\ntry:\n    pass\nexcept Exception as User:\n    pass\n",
        "from django.contrib.auth.models import User\n\nfor User in []:\n    pass\n",
    ],
)
def test_an_imported_name_bound_another_way_needs_the_scope(source):
    light = light_scope.build(source)
    assert light is not None and light.ambiguous == {"User"}
    with pytest.raises(NeedsScope):
        light.qualified_names(cst.parse_expression("User.objects"))
    with pytest.raises(NeedsScope):
        light.reads("User")


def test_the_same_import_twice_is_not_ambiguous():
    light = light_scope.build(
        "from django.db import models\nfrom django.db import models\nmodels.Model\n"
    )
    assert light.ambiguous == set()
    assert light.qualified_names(cst.parse_expression("models.Model")) == {"django.db.models.Model"}


@pytest.mark.parametrize(
    "source",
    [
        "from django.contrib.auth.models import *\n",
        "from django.contrib.auth.models import User\ntype Owner = User\n",
        "from django.contrib.auth.models import User\ndef f(:\n",
        "x = '\0'\n",
    ],
)
def test_noop_what_it_does_not_model(source):
    assert light_scope.build(source) is None


@pytest.mark.parametrize(
    "source,name",
    [
        ("from django.contrib.auth.models import User\n\ndef f():\n    global User\n", "User"),
        (
            "from django.contrib.auth.models import User\n\ndef f():\n    def g():\n        nonlocal User\n",
            "User",
        ),
    ],
)
def test_a_name_declared_global_or_nonlocal_is_ambiguous(source, name):
    # the file keeps its light analysis; only that name is left to LibCST's ScopeProvider
    light = light_scope.build(source)
    assert light is not None and name in light.ambiguous


ZONED = """\
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.utils import timezone


    class Record(Model):
        timezone = CharField(default="UTC")
        when = timezone.now
        owner = ForeignKey(User)

        def recent(self, days=timezone.now):
            return timezone.now() - settings.DELAY

        class Inner:
            stamp = timezone.now()

        rows = [timezone.now() for _ in range(3)]


    def export(rows, settings=None):
        limit = (settings or {}).get("limit")

        def inner():
            return settings.DEBUG, timezone.now()

        return [settings for settings in rows], User


    def assigns():
        x = timezone.now()
        timezone = None
        return x


    handler = lambda settings: settings.DEBUG
    label = settings.AUTH_USER_MODEL
    stamp = timezone.now()
    """


def test_a_name_bound_in_some_functions_and_classes_is_answered_by_the_place():
    from libcst.metadata import PositionProvider, QualifiedNameSource

    source = textwrap.dedent(ZONED)
    light = light_scope.build(source)
    assert light is not None and light.ambiguous == {"settings", "timezone"}
    wrapper = MetadataWrapper(cst.parse_module(source))
    scopes = wrapper.resolve(ScopeProvider)
    positions = wrapper.resolve(PositionProvider)
    light.locate = lambda node: (
        (positions[node].start.line, positions[node].start.column) if node in positions else None
    )
    answered, left = [], []
    for node in _names_and_chains(wrapper.module):
        code = cst.Module([]).code_for_node(node)
        scope = scopes.get(node)
        exact = scope.get_qualified_names_for(node) if scope is not None else set()
        imported = {q.name for q in exact if q.source == QualifiedNameSource.IMPORT}
        try:
            mine = light.qualified_names(node)
        except NeedsScope:
            left.append((positions[node].start.line, code))
            continue
        assert mine == imported, (positions[node].start.line, code)
        answered.append(code)
        if isinstance(node, cst.Name) and node.value == "settings" and scope is not None:
            is_django = all(
                {q.name for q in a.get_qualified_names_for("settings")} == {"django.conf.settings"}
                for a in scope["settings"]
            )
            assert (light.binding("settings", node) in (None, "django.conf.settings")) == is_django
    # the import where no nearer binding is seen (a method, a nested class, a nested function, the module),
    # the parameter in its function and the functions in it
    assert {"timezone.now", "settings.DELAY", "settings.AUTH_USER_MODEL"} <= set(answered)
    assert answered.count("settings") >= 2  # export()'s parameter, read in it and in inner()
    # left to the ScopeProvider: in the class body that binds the name (its target, a read, a method's default,
    # a comprehension), a parameter itself, a comprehension and a lambda that bind it, a function that assigns it
    assert sorted({line for line, _ in left}) == [7, 8, 11, 17, 20, 26, 30, 31, 35]
    # without a place, or at a node that is not in the tree, it is still left to the ScopeProvider
    with pytest.raises(NeedsScope):
        light.qualified_names(cst.parse_expression("timezone.now"))
    light.locate = None
    with pytest.raises(NeedsScope):
        light.binding("settings", wrapper.module)


STATEMENTS = """\
    from django.conf import settings
    from django.utils import timezone


    def export(rows, settings=None):
        limit = (settings or {}).get("limit", settings)
        return [row for row in rows if settings]


    @register(settings.AUTH_USER_MODEL, key=lambda settings: settings)
    def made(sender, when=settings.TIME_ZONE, *, settings=settings):
        if settings.DEBUG:
            return timezone.now()
        elif settings:
            pass
        try:
            x = settings.X
        except settings.Error:
            x = None
        with settings.lock(settings) as timezone:
            print(timezone, settings)
        match settings:
            case {"a": 1} if settings.B:
                return settings


    handler = lambda settings: settings.DEBUG


    @register(key=lambda settings: settings.X)
    def plain():
        pass


    class Meta:
        settings = settings.AUTH_USER_MODEL
        timezone = [timezone for _ in settings]

        def method(self, timezone=timezone):
            return settings, timezone; y = settings
    """


def test_the_place_of_a_node_from_its_statement_answers_as_its_exact_position():
    """The runner's locator places a node by the statement it is in (core/runner.py): every answer of the
    light analysis at every node is the answer at the node's exact position."""
    from libcst.metadata import PositionProvider

    from codemods.core import runner

    source = textwrap.dedent(STATEMENTS)
    syntax = light_scope.parse(source)
    light = light_scope.build(syntax, source)
    assert light is not None and {"settings", "timezone"} <= light.bound
    wrapper = MetadataWrapper(cst.parse_module(source), unsafe_skip_copy=True)
    exact = wrapper.resolve(PositionProvider)
    traversal = runner._Pass([], track=True)
    locate = runner._locator(wrapper, traversal, syntax, light)
    placed = []

    def answer(name, where):
        try:
            return light.zones.resolve(name, where)
        except NeedsScope:
            return NeedsScope

    leave = traversal._leave

    def check(node):
        at = exact.get(node)
        where = locate(node)
        position = (at.start.line, at.start.column)
        placed.append(where != position)
        for name in ("settings", "timezone"):
            assert answer(name, where) == answer(name, position), (name, position)

    def checked(original, updated):
        if original in exact and isinstance(original, (cst.Name, cst.Attribute, cst.Call)):
            check(original)
        elif isinstance(original, (cst.SimpleStatementLine, cst.IndentedBlock, cst.FunctionDef)):
            for name in _names_and_chains(
                original
            ):  # asked about from a statement or a block around it
                check(name)
        return leave(original, updated)

    traversal._leave = checked
    wrapper.module.visit(traversal)
    assert any(placed)  # some nodes were placed by their statement, not by LibCST's positions

"""core/elide.py: LibCST parses only what the transforms look at; the rest of a long list stands in as a name
that keeps its lines and columns, and comes back byte for byte."""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import replace

import libcst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from codemods.core import elide, runner
from codemods.swap_user.transforms.migrations import Migrations

from ..transforms.tools import DEFAULT_OPTIONS, apply, check_transformed, notes_of

KEEP = re.compile(r"auth|user", re.I)

SQUASHED = textwrap.dedent("""\
    from django.conf import settings
    from django.db import migrations, models


    class Migration(migrations.Migration):
        dependencies = [
            ("blog", "0001_initial"),
        ]

        operations = [
            migrations.CreateModel(
                name="Tag",
                fields=[
                    ("id", models.AutoField(primary_key=True)),  # a comment inside
                    ("label", models.CharField(max_length=50, verbose_name="Étiquette")),
                ],
            ),
            migrations.CreateModel(
                name="Post",
                fields=[
                    ("id", models.AutoField(primary_key=True)),
                    ("author", models.ForeignKey(on_delete=models.CASCADE, to="auth.User")),
                    ("title", models.CharField(max_length=200, help_text="shown in the feed")),
                ],
            ),
            migrations.AddField(model_name="post", name="tags", field=models.ManyToManyField(to="blog.Tag")),
            migrations.RunSQL(
                "SELECT 1",
                migrations.RunSQL.noop,
            ),
        ]
    """)


def test_skeleton_keeps_lines_columns_and_what_the_transforms_read():
    sk = elide.skeleton(SQUASHED, ast.parse(SQUASHED), KEEP)
    assert sk is not None
    assert len(sk.text.splitlines()) == len(SQUASHED.splitlines())
    assert (
        'name="Tag"' not in sk.text
        and "RunSQL(" not in sk.text
        and "ManyToManyField" not in sk.text
    )
    assert '("author", models.ForeignKey(on_delete=models.CASCADE, to="auth.User")),' in sk.text
    assert '("blog", "0001_initial"),' in sk.text  # too short to be worth leaving out
    module = libcst.parse_module(sk.text)
    assert elide.restore(module.code, sk.parts) == SQUASHED
    # every node LibCST parsed is where it is in the file
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    positions = wrapper.resolve(PositionProvider)
    lines = SQUASHED.splitlines()
    for node, position in positions.items():
        if isinstance(node, libcst.SimpleString):
            line = lines[position.start.line - 1]
            assert line[position.start.column :].startswith(node.value)


def test_restore_refuses_a_placeholder_that_did_not_come_through_once():
    sk = elide.skeleton(SQUASHED, ast.parse(SQUASHED), KEEP)
    stand_in = next(iter(sk.parts))
    assert elide.restore(sk.text.replace(stand_in, "x"), sk.parts) is None
    assert elide.restore(sk.text + stand_in, sk.parts) is None
    assert elide.restore_text("see %s" % stand_in, sk.parts) == "see %s" % sk.parts[stand_in]


def test_nothing_left_out_of_a_file_with_the_prefix_or_carriage_returns():
    assert elide.skeleton("x = [%s_1]\n" % elide.PREFIX, ast.parse("x = 1"), KEEP) is None
    text = SQUASHED.replace("\n", "\r\n")
    assert elide.skeleton(text, ast.parse(text), KEEP) is None


def test_a_long_migration_is_rewritten_from_its_skeleton_as_from_its_whole_text(monkeypatch):
    parsed = []
    parse_module = libcst.parse_module

    def recording(text, *args, **kwargs):
        parsed.append(text)
        return parse_module(text, *args, **kwargs)

    monkeypatch.setattr(runner.cst, "parse_module", recording)
    # apply() also runs the whole text with LibCST's ScopeProvider and asserts the same text, notes and facts
    check_transformed(
        Migrations,
        SQUASHED,
        SQUASHED.replace('to="auth.User"', "to=settings.AUTH_USER_MODEL").replace(
            '        ("blog", "0001_initial"),\n',
            '        ("blog", "0001_initial"),\n        migrations.swappable_dependency(settings.AUTH_USER_MODEL),\n',
        ),
        path="blog/migrations/0002_squashed.py",
    )
    assert any(elide.PREFIX in text for text in parsed)


def test_a_statement_made_too_long_is_laid_out_from_the_skeleton(monkeypatch):
    parsed = _parses(monkeypatch)
    # No line of the file is longer than black's 88: the rewritten ForeignKey is, and `operations = [...]` (which
    # holds elided elements) is laid out again by black, from its whole code, as in the whole file.
    source = "".join(
        line for line in SQUASHED.splitlines(True) if "AddField" not in line and "title" not in line
    )
    options = replace(DEFAULT_OPTIONS, style=replace(DEFAULT_OPTIONS.style, line_length=88))
    new, _ = apply(Migrations, source, path="blog/migrations/0002_squashed.py", options=options)
    assert (
        "to=settings.AUTH_USER_MODEL" in new and max(len(line) for line in new.splitlines()) <= 88
    )
    assert 'name="Tag"' in new and "migrations.RunSQL.noop" in new
    # apply() ran the file from its skeleton, then whole under the ScopeProvider (and asserted the same text):
    # the skeleton did, the whole text was parsed once only
    assert elide.PREFIX in parsed[0] and parsed.count(source) == 1


def test_notes_are_at_the_files_lines_and_quote_its_code():
    source = SQUASHED.replace(
        '        migrations.RunSQL(\n            "SELECT 1",\n',
        '        migrations.RunPython(lambda apps, _: ContentType.objects.get_by_natural_key("auth", "user")),\n'
        '        migrations.RunSQL(\n            "SELECT 1",\n',
    )
    _, result = apply(Migrations, source, path="blog/migrations/0002_squashed.py")
    (note,) = [n for n in notes_of(result) if "content type" in n]
    line = (
        source.splitlines().index(
            '        migrations.RunPython(lambda apps, _: ContentType.objects.get_by_natural_key("auth", "user")),'
        )
        + 1
    )
    assert note.startswith("blog/migrations/0002_squashed.py:%d:" % line)


def _parses(monkeypatch) -> list[str]:
    """The texts the runner has LibCST parse from now on."""
    parsed: list[str] = []
    parse_module = libcst.parse_module
    monkeypatch.setattr(
        runner.cst, "parse_module", lambda text, *a, **k: parsed.append(text) or parse_module(text)
    )
    return parsed


VIEWS = textwrap.dedent("""\
    from django.contrib.auth.models import User
    from django.http import JsonResponse

    COUNTER = 0


    def first(request):
        return JsonResponse({})


    @login_required
    def people(request):
        return JsonResponse({"n": User.objects.count()})


    def bump(request):
        global COUNTER
        COUNTER += 1
        return JsonResponse({"n": COUNTER})


    class Report:
        title = "weekly"

        def rows(self):
            from .models import Row

            return Row.objects.all()

        @property
        def total(self):
            return sum(
                row.amount
                for row in self.rows()
            )
            # a comment of the method's block

        def owners(self):
            return [r.owner for r in self.rows()]  # the request's user
    """)


def test_definitions_nothing_reads_stand_in_as_names():
    sk = elide.skeleton(VIEWS, ast.parse(VIEWS), re.compile(r"User"))
    assert sk is not None
    left_out = sorted(sk.parts.values())
    assert left_out == ["def owners(self):\n        return [r.owner for r in self.rows()]"]
    # first(): the module's first indented line (LibCST's default indentation); people(): reads User;
    # bump(): binds a global; rows(): imports; total: a comment under it belongs to its block; Report: holds
    # rows() and total.
    assert len(sk.text.splitlines()) == len(VIEWS.splitlines())
    assert elide.restore(libcst.parse_module(sk.text).code, sk.parts) == VIEWS


def test_light_scope_leaves_a_global_name_to_the_scope_provider():
    from codemods.core import light_scope

    light = light_scope.build(VIEWS)
    assert light is not None and light.imports["User"] == "django.contrib.auth.models.User"
    with pytest.raises(light_scope.NeedsScope):
        light.binding("COUNTER")
    assert light.binding("settings") is None


SERVICES = textwrap.dedent("""\
    from django.contrib.auth.models import User
    from django.utils import timezone

    LIMIT = 100


    def first():
        return 1


    class Records:
        ordering = ["-created_at", "name", "owner__username", "pk"]

        def reassign(self, record, username):
            \"\"\"Give the record to someone else, and say when it happened in the log.\"\"\"
            new_owner = User.objects.get(username=username)
            since = timezone.now() - timezone.timedelta(days=LIMIT)
            record.save(update_fields=["owner"])
            from .audit import log

            log(record); log.flush(record, since=since, reason="reassigned")
            for row in record.history.filter(created_at__gte=since).order_by("-created_at"):
                row.touch(when=timezone.now(), why="the owner of the record changed")
            if new_owner.is_active:
                record.notify(new_owner, "the record is yours now", when=timezone.now())
                record.history.create(kind="reassigned", owner_id=new_owner.pk, at=since)
            return new_owner


    def summary(queryset):
        counts = {}
        for row in queryset.select_related("owner"):
            counts[row.owner_id] = counts.get(row.owner_id, 0) + 1
        return User.objects.filter(pk__in=list(counts)).count()
    """)


def test_statements_of_a_function_nothing_reads_stand_in_when_asked():
    keep = re.compile(r"\bUser\b")
    # without `statements`: definitions and elements only, and every definition here stays (first() holds the
    # module's first indented line, the others read User)
    assert elide.skeleton(SERVICES, ast.parse(SERVICES), keep) is None
    sk = elide.skeleton(SERVICES, ast.parse(SERVICES), keep, statements=True)
    # each run of statements that could stand in stands in as one (a short one too, with others)
    assert sorted(sk.parts.values()) == [
        "counts = {}\n"
        '    for row in queryset.select_related("owner"):\n'
        "        counts[row.owner_id] = counts.get(row.owner_id, 0) + 1",
        'for row in record.history.filter(created_at__gte=since).order_by("-created_at"):\n'
        '            row.touch(when=timezone.now(), why="the owner of the record changed")\n'
        "        if new_owner.is_active:\n"
        '            record.notify(new_owner, "the record is yours now", when=timezone.now())\n'
        '            record.history.create(kind="reassigned", owner_id=new_owner.pk, at=since)\n'
        "        return new_owner",
        "since = timezone.now() - timezone.timedelta(days=LIMIT)\n"
        '        record.save(update_fields=["owner"])',
    ]
    # Kept: what reads User, the docstring, the import, two statements on one line, the class's own
    # statements, the module's.
    for kept in (
        '"""Give the record',
        "from .audit import log",
        "log(record); log.flush(",
        'ordering = ["-created_at"',
        "LIMIT = 100",
    ):
        assert kept in sk.text
    assert len(sk.text.splitlines()) == len(SERVICES.splitlines())
    assert elide.restore(libcst.parse_module(sk.text).code, sk.parts) == SERVICES


@pytest.mark.parametrize(
    "name, left_out",
    [
        ("VIEWS", "\n    (%s" % elide.PREFIX),  # a method
        ("SERVICES", "\n        (%s0_" % elide.PREFIX),  # a statement of a method
    ],
)
def test_a_module_is_rewritten_from_its_skeleton_as_from_its_whole_text(
    monkeypatch, name, left_out
):
    from codemods.swap_user.transforms.user_class import UserClass

    source = globals()[name]
    first, second, rest = source.split("\n", 2)
    assert first == "from django.contrib.auth.models import User"
    parsed = _parses(monkeypatch)
    check_transformed(
        UserClass,
        source,
        "from django.contrib.auth import get_user_model\n%s\n\nUser = get_user_model()\n%s"
        % (second, rest),
        path="blog/services.py",
    )
    assert any(left_out in text for text in parsed)


def test_statements_stand_in_only_when_every_transform_of_the_file_looks_statement_by_statement():
    from codemods.core.transform import FileInfo
    from codemods.swap_user.transforms.admin_layout import AdminLayout
    from codemods.swap_user.transforms.user_class import UserClass

    file = FileInfo("blog/services.py", "python", "blog.services", False)
    tree = ast.parse(SERVICES)
    alone = runner._skeleton(SERVICES, tree, [UserClass], DEFAULT_OPTIONS, file)
    assert alone is not None and len(alone.parts) == 3
    # admin_layout looks at a function's strings together: nothing of the function is left out for it
    assert not AdminLayout.STATEMENT_LOCAL
    assert runner._skeleton(SERVICES, tree, [UserClass, AdminLayout], DEFAULT_OPTIONS, file) is None


def test_keep_patterns_pass_over_author_and_its_kin():
    from codemods.core.transform import FileInfo, PythonTransform
    from codemods.swap_user.transforms import TRANSFORMS

    file = FileInfo("blog/models.py", "python", "blog.models", False)
    tree = ast.parse("x = 1\n")
    patterns = [
        t.keep_pattern(DEFAULT_OPTIONS, file, tree)
        for t in TRANSFORMS
        if issubclass(t, PythonTransform) and t.keep_pattern(DEFAULT_OPTIONS, file, tree)
    ]
    assert len(patterns) == 9
    for text in ("author = 1", "row.author_id", "AUTHORITY", "is_authorized(user)"):
        assert not any(p.search(text) for p in patterns if "user|" not in p.pattern), text
    # a name with User in it is another name; migrations' pattern reads "user" in any case
    assert sum(1 for p in patterns if p.search("UserProfile")) == 1
    for text in (
        '"auth.User"',
        "AUTH_USER_MODEL",
        "admin:auth_user_change",
        "django.contrib.auth",
        '"authentication and authorization"',
    ):
        assert any(p.search(text) for p in patterns), text

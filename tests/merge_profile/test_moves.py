"""How each profile field is declared on the user: its own text when it can be, Django's serialization
otherwise, and nullable where users without a profile would have no value (or would share a unique one).
"""

from __future__ import annotations

import textwrap

from codemods.core.fmt import format_created
from codemods.core.style import ProjectStyle
from codemods.merge_profile.datamigration import render_migration
from codemods.merge_profile.moves import Import, plan_moves, with_keyword

PROFILE_MODULE = textwrap.dedent("""\
    from django.conf import settings
    from django.db import models

    from teams.models import Team
    from .choices import THEMES


    class Profile(models.Model):
        user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
        bio = models.TextField(blank=True)
        mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="mentees")
        team = models.ForeignKey(Team, on_delete=models.CASCADE)
        theme = models.CharField(max_length=10, choices=THEMES)
        code = models.CharField(max_length=10, unique=True, blank=True)
        seen = models.DateTimeField(auto_now_add=True)
    """)
USER_MODULE = (
    "from django.contrib.auth.models import AbstractUser\n\n\nclass User(AbstractUser):\n    pass\n"
)


def field(name, definition, **facts):
    base = {
        "name": name,
        "attname": name,
        "null": False,
        "blank": False,
        "unique": False,
        "has_default": False,
        "db_default": False,
        "many_to_many": False,
        "empty_strings_allowed": True,
        "auto_now": False,
        "is_relation": False,
        "definition": [definition, ["from django.db import models"]],
        "nullable_definition": [definition[:-1] + ", null=True)", ["from django.db import models"]],
    }
    base.update(facts)
    return base


PROFILE = {
    "qualname": "Profile",
    "source": ["profiles/models.py", 8],
    "link": {"name": "user"},
    "many_to_many": [],
    "fields": [
        field("bio", "models.TextField(blank=True)", blank=True),
        field(
            "mentor",
            "models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, "
            "related_name='mentees', to=settings.AUTH_USER_MODEL)",
            null=True,
            is_relation=True,
            related_name="mentees",
            target="accounts.User",
        ),
        field(
            "team",
            "models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='teams.team')",
            is_relation=True,
            related_name=None,
            empty_strings_allowed=False,
        ),
        field("theme", "models.CharField(choices=[('a', 'A')], max_length=10)"),
        field(
            "code",
            "models.CharField(blank=True, max_length=10, unique=True)",
            blank=True,
            unique=True,
        ),
        field("seen", "models.DateTimeField(auto_now_add=True)", empty_strings_allowed=False),
    ],
}


def moves():
    return {
        m.name: m
        for m in plan_moves(
            PROFILE,
            PROFILE_MODULE,
            USER_MODULE,
            "accounts.models",
            "profiles.models",
            frozenset({"accounts", "profiles", "teams"}),
        )
    }


def test_own_text_when_every_name_can_be_imported():
    mentor = moves()["mentor"]
    start = PROFILE_MODULE.index("models.ForeignKey(settings")
    end = PROFILE_MODULE.index('related_name="mentees")') + len('related_name="mentees")')
    # as written, continuation line and all (LibCST keeps it relative to the class body's indentation)
    assert (
        mentor.definition.split() == PROFILE_MODULE[start:end].split() and "\n" in mentor.definition
    )
    assert set(mentor.imports) == {Import("django.conf", "settings"), Import("django.db", "models")}


def test_serialized_when_a_name_is_the_projects():
    found = moves()
    assert (
        found["team"].definition
        == 'models.ForeignKey("teams.team", on_delete=models.CASCADE, null=True)'
    )
    assert (
        found["theme"].definition
        == 'models.CharField(choices=[("a", "A")], max_length=10, null=True)'
    )


def test_nullable_on_the_user_when_there_is_no_default():
    found = moves()
    assert found["theme"].notes[0].startswith("nullable on the user: it has no default")
    assert found["seen"].definition == "models.DateTimeField(auto_now_add=True, null=True)"
    assert found["bio"].notes == [] and found["bio"].definition == "models.TextField(blank=True)"


def test_unique_field_is_nullable_on_the_user():
    code = moves()["code"]
    assert code.definition == "models.CharField(max_length=10, unique=True, blank=True, null=True)"
    assert code.notes[0].startswith("nullable on the user: it is unique")


def test_a_named_reverse_relation_now_returns_users():
    assert "accounts.User.mentees now returns users, not profiles" in moves()["mentor"].notes[0]


def test_the_profile_column_is_made_nullable_unless_it_is():
    found = moves()
    assert found["bio"].relax_profile_column == "models.TextField(blank=True, null=True)"
    assert found["mentor"].relax_profile_column is None


def test_with_keyword_keeps_one_argument_per_line():
    assert (
        with_keyword("models.F(\n    a=1,\n    b=2,\n)", "null", "True")
        == "models.F(\n    a=1,\n    b=2,\n    null=True,\n)"
    )


def test_the_data_migration_imports_what_a_relaxed_column_needs():
    # Django's writer says a timedelta in choices needs `import datetime`; the migration must import it to load
    period = field(
        "period",
        "models.DurationField(choices=[(datetime.timedelta(0), 'Off')])",
        nullable_definition=[
            "models.DurationField(choices=[(datetime.timedelta(0), 'Off')], null=True)",
            ["from django.db import models", "import datetime"],
        ],
    )
    profile = dict(
        PROFILE,
        fields=[period],
        label="profiles.Profile",
        model_name="profile",
        leaf_migration=["profiles", "0003_profile_period"],
        link={"name": "user"},
    )
    user = {
        "label": "accounts.User",
        "app_label": "accounts",
        "leaf_migration": ["accounts", "0001_initial"],
    }
    moved = plan_moves(
        profile, PROFILE_MODULE, USER_MODULE, "accounts.models", "profiles.models", frozenset()
    )
    assert moved[0].relax_imports == ["from django.db import models", "import datetime"]
    text = render_migration(user, profile, moved, ProjectStyle())
    assert "import datetime\n" in text and "from django.db import migrations, models" in text
    namespace: dict = {}
    exec(
        compile(text, "0004_move_profile_to_user.py", "exec"), namespace
    )  # NameError without the import
    assert namespace["Migration"].operations


def test_the_data_migration_of_a_long_help_text_parses_at_the_projects_line_length(tmp_path):
    # wger (ruff, line length 100, single quotes): the AlterField that makes the profile's column nullable holds
    # a help text black puts deeper than the first split's estimate; the second split cut one part of the
    # concatenation into `('...' '...') '...'`, which does not parse (ParseError: bad input, nothing written).
    text = (
        "Language to use when sending you email notifications, e.g. email reminders for workouts. "
        "This does not affect the language used on the website."
    )
    language = field(
        "notification_language",
        "models.ForeignKey(Language, help_text=_(%r), default=2, on_delete=models.CASCADE)" % text,
        nullable_definition=[
            "models.ForeignKey(default=2, help_text=%r, null=True, "
            "on_delete=django.db.models.deletion.CASCADE, to='core.language', "
            "verbose_name='Notification language')" % text,
            ["from django.db import models", "import django.db.models.deletion"],
        ],
    )
    profile = dict(
        PROFILE,
        fields=[language],
        label="core.UserProfile",
        model_name="userprofile",
        leaf_migration=["core", "0001_initial"],
        link={"name": "user"},
    )
    user = {
        "label": "accounts.User",
        "app_label": "accounts",
        "leaf_migration": ["accounts", "0001_initial"],
    }
    moved = plan_moves(
        profile, PROFILE_MODULE, USER_MODULE, "accounts.models", "core.models", frozenset()
    )
    style = ProjectStyle(line_length=100, single_quotes=True)
    path = "core/migrations/0002_move_userprofile_to_user.py"
    written = format_created(tmp_path, path, render_migration(user, profile, moved, style), style)
    namespace: dict = {}
    exec(compile(written, path, "exec"), namespace)
    relaxed = namespace["Migration"].operations[0].field
    assert str(relaxed.help_text) == text
    help_lines = [
        line
        for line in written.splitlines()
        if len(line.strip()) > 20 and line.strip().strip("'") in text
    ]
    assert len(help_lines) == 2 and all(len(line) <= 100 for line in help_lines), help_lines


def test_a_function_of_a_project_module_is_called_through_the_users_module():
    # wger: birthdate's validator is a function of the profile's module (not importable by name in the user's
    # module), and Django's writer names it `wger.core.models.profile.birthdate_validator`: importing that
    # module from the user's imports the user model before it is defined ("AUTH_USER_MODEL refers to model
    # 'accounts.User' that has not been installed" at makemigrations; the merge was put back)
    written = (
        "models.DateField(null=True, validators=[wger.core.models.profile.birthdate_validator])"
    )
    birthdate = dict(
        field("birthdate", written, null=True),
        definition=[written, ["from django.db import models", "import wger.core.models.profile"]],
    )
    profile = dict(PROFILE, fields=[birthdate])
    source = PROFILE_MODULE.replace(
        "    bio = models.TextField(blank=True)\n",
        "    birthdate = models.DateField(null=True, validators=[birthdate_validator])\n",
    )
    (moved,) = plan_moves(
        profile,
        source,
        USER_MODULE,
        "wger.accounts.models",
        "wger.core.models.profile",
        frozenset({"wger"}),
    )
    assert moved.definition == "models.DateField(null=True, validators=[birthdate_validator])"
    assert moved.imports == [Import("django.db", "models")]
    assert moved.helpers == [
        "def birthdate_validator(*args, **kwargs):\n"
        "    # imported when called: wger.core.models.profile imports the user model (merge_profile)\n"
        "    from wger.core.models.profile import birthdate_validator\n\n"
        "    return birthdate_validator(*args, **kwargs)\n"
    ]


def test_a_cascade_becomes_set_null_on_the_user_and_a_default_reverse_name_is_a_note():
    # wger: UserProfile.notification_language (CASCADE): deleting a Language deleted profiles, and after the
    # merge it deleted users (DeleteLanguageTestCase: IntegrityError); UserProfile.gym (no related_name):
    # gym.userprofile_set was gone without a word (inactive-members: AttributeError)
    language = dict(
        field(
            "language",
            "models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='core.language')",
            is_relation=True,
            target="core.Language",
            accessor="profile_set",
            on_delete="CASCADE",
        ),
    )
    gym = field(
        "gym",
        "models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to='gym.gym')",
        null=True,
        is_relation=True,
        target="gym.Gym",
        accessor="profile_set",
        on_delete="SET_NULL",
    )
    source = PROFILE_MODULE.replace(
        "    bio = models.TextField(blank=True)\n",
        "    language = models.ForeignKey(Language, models.CASCADE)\n"
        "    gym = models.ForeignKey('gym.Gym', on_delete=models.SET_NULL, null=True)\n",
    ).replace(
        "from teams.models import Team\n",
        "from teams.models import Team\nfrom .x import Language\n",
    )
    found = {
        m.name: m
        for m in plan_moves(
            dict(PROFILE, fields=[language, gym]),
            source,
            USER_MODULE,
            "accounts.models",
            "profiles.models",
            frozenset({"accounts", "profiles"}),
        )
    }
    assert found["language"].definition == (
        'models.ForeignKey("core.language", on_delete=models.SET_NULL, null=True)'
    )
    assert (
        found["language"]
        .notes[1]
        .startswith(
            "on_delete=SET_NULL on the user (nullable): with CASCADE, deleting a row of core.Language deleted the "
            "profiles that named it, and would now delete the users"
        )
    )
    assert (
        found["gym"].definition
        == "models.ForeignKey('gym.Gym', on_delete=models.SET_NULL, null=True)"
    )
    assert found["gym"].notes == [
        "gym.Gym.profile_set now comes from the compatibility layer, read only, for this release: the reverse of "
        "the user's gym is gym.Gym.user_set (and the query name user), which returns users, not profiles: code "
        "that uses gym.Gym.profile_set needs a look before the layer goes"
    ]

from __future__ import annotations

import pytest

from codemods.swap_user.transforms.model_strings import ModelStrings, ModelStringTemplates

from .tools import check_noop, check_transformed, notes_of, options


def test_delete_summary_key():
    check_transformed(
        ModelStrings,
        """\
        from django.core.management.base import BaseCommand


        class Command(BaseCommand):
            def handle(self, *args, **options):
                _, summary = self.old_users().delete()
                count = summary.get("auth.User", 0)
        """,
        """\
        from django.conf import settings
        from django.core.management.base import BaseCommand


        class Command(BaseCommand):
            def handle(self, *args, **options):
                _, summary = self.old_users().delete()
                count = summary.get(settings.AUTH_USER_MODEL, 0)
        """,
        path="hc/accounts/management/commands/pruneusers.py",
    )


def test_settings_import_merged_into_existing():
    check_transformed(
        ModelStrings,
        """\
        from django.conf import global_settings

        LABEL = 'auth.User'
        """,
        """\
        from django.conf import global_settings, settings

        LABEL = settings.AUTH_USER_MODEL
        """,
        path="blog/labels.py",
    )


def test_settings_already_imported():
    check_transformed(
        ModelStrings,
        """\
        from django.conf import settings

        counts = {"auth.User": 0, "blog.Post": 0}
        """,
        """\
        from django.conf import settings

        counts = {settings.AUTH_USER_MODEL: 0, "blog.Post": 0}
        """,
        path="blog/stats.py",
    )


def test_lowercase_label_comparison():
    check_transformed(
        ModelStrings,
        """\
        from django.conf import settings


        def is_user(obj):
            return obj._meta.label_lower == "auth.user"


        def is_not_user(obj):
            return "auth.user" != obj._meta.label_lower
        """,
        """\
        from django.conf import settings


        def is_user(obj):
            return obj._meta.label_lower == settings.AUTH_USER_MODEL.lower()


        def is_not_user(obj):
            return settings.AUTH_USER_MODEL.lower() != obj._meta.label_lower
        """,
        path="blog/utils.py",
    )


def test_lowercase_label_membership():
    check_transformed(
        ModelStrings,
        """\
        from django.conf import settings

        def audited(model):
            return model._meta.label_lower in ("auth.user", "auth.group")
        """,
        """\
        from django.conf import settings

        def audited(model):
            return model._meta.label_lower in (settings.AUTH_USER_MODEL.lower(), "auth.group")
        """,
        path="blog/audit.py",
    )


def test_capitalised_label_comparison_keeps_case():
    check_transformed(
        ModelStrings,
        """\
        from django.conf import settings

        def is_user(obj):
            return obj._meta.label == "auth.User"
        """,
        """\
        from django.conf import settings

        def is_user(obj):
            return obj._meta.label == settings.AUTH_USER_MODEL
        """,
        path="blog/utils.py",
    )


def test_lowercase_outside_comparison():
    check_transformed(
        ModelStrings,
        """\
        from django.conf import settings

        ROW = {"model": "auth.user", "pk": 1}
        """,
        """\
        from django.conf import settings

        ROW = {"model": settings.AUTH_USER_MODEL.lower(), "pk": 1}
        """,
        path="blog/tests/factories.py",
    )


def test_signal_sender_string():
    check_transformed(
        ModelStrings,
        """\
        from django.conf import settings
        from django.db.models.signals import post_save

        post_save.connect(create_profile, sender="auth.User")
        """,
        """\
        from django.conf import settings
        from django.db.models.signals import post_save

        post_save.connect(create_profile, sender=settings.AUTH_USER_MODEL)
        """,
        path="blog/signals.py",
    )


def test_get_model_two_arguments():
    check_transformed(
        ModelStrings,
        """\
        from django.apps import apps

        User = apps.get_model("auth", "User")
        """,
        """\
        from django.apps import apps
        from django.conf import settings

        User = apps.get_model(settings.AUTH_USER_MODEL)
        """,
        path="blog/utils.py",
    )


def test_get_model_lowercase_on_other_object():
    check_transformed(
        ModelStrings,
        """\
        from django.apps import apps as django_apps
        from django.conf import settings

        def user_model():
            return django_apps.get_model('auth', 'user', require_ready=False)
        """,
        """\
        from django.apps import apps as django_apps
        from django.conf import settings

        def user_model():
            return django_apps.get_model(settings.AUTH_USER_MODEL, require_ready=False)
        """,
        path="blog/utils.py",
    )


@pytest.mark.parametrize("label", ["auth.User", "auth.user"])  # get_model ignores case: no .lower()
def test_get_model_dotted_label(label):
    check_transformed(
        ModelStrings,
        """\
        from django.apps import apps
        from django.conf import settings

        User = apps.get_model("%s")
        """ % label,
        """\
        from django.apps import apps
        from django.conf import settings

        User = apps.get_model(settings.AUTH_USER_MODEL)
        """,
        path="blog/utils.py",
    )


def test_get_model_keywords_multiline():
    check_transformed(
        ModelStrings,
        """\
        from django.apps import apps
        from django.conf import settings

        User = apps.get_model(
            app_label="auth",
            model_name="user",
        )
        """,
        """\
        from django.apps import apps
        from django.conf import settings

        User = apps.get_model(
            settings.AUTH_USER_MODEL,
        )
        """,
        path="blog/utils.py",
    )


def test_get_model_keywords_reversed():
    check_transformed(
        ModelStrings,
        """\
        from django.apps import apps
        from django.conf import settings

        User = apps.get_model(model_name="User", app_label="auth")
        """,
        """\
        from django.apps import apps
        from django.conf import settings

        User = apps.get_model(settings.AUTH_USER_MODEL)
        """,
        path="blog/utils.py",
    )


def test_get_model_keyword_after_keyword():
    check_transformed(
        ModelStrings,
        """\
        from django.apps import apps
        from django.conf import settings

        User = apps.get_model(require_ready=False, app_label="auth", model_name="user")
        """,
        """\
        from django.apps import apps
        from django.conf import settings

        User = apps.get_model(require_ready=False, app_label=settings.AUTH_USER_MODEL)
        """,
        path="blog/utils.py",
    )


def test_settings_module_gets_the_literal_label():
    check_transformed(
        ModelStrings,
        """\
        GUARDIAN_USER_MODEL = 'auth.User'
        AUDITED = ["auth.user", "blog.post"]
        """,
        """\
        GUARDIAN_USER_MODEL = 'users.User'
        AUDITED = ["users.user", "blog.post"]
        """,
        path="proj/settings.py",
        settings=True,
        options=options(label="users"),
    )


def test_auth_user_model_assignment_outside_settings_modules():
    check_transformed(
        ModelStrings,
        """\
        from django.test import override_settings

        AUTH_USER_MODEL = "auth.User"


        @override_settings(AUTH_USER_MODEL="auth.User")
        def test_it():
            pass
        """,
        """\
        from django.test import override_settings

        AUTH_USER_MODEL = "users.User"


        @override_settings(AUTH_USER_MODEL="users.User")
        def test_it():
            pass
        """,
        path="proj/settings_ci.py",
        options=options(label="users"),
    )


def test_match_pattern_capitalised():
    check_transformed(
        ModelStrings,
        """\
        from django.conf import settings

        def kind(label):
            match label:
                case "auth.User":
                    return "user"
        """,
        """\
        from django.conf import settings

        def kind(label):
            match label:
                case settings.AUTH_USER_MODEL:
                    return "user"
        """,
        path="blog/utils.py",
    )


def test_note_lowercase_match_pattern():
    result = check_noop(
        ModelStrings,
        """\
        from django.apps import apps


        def kind(label_lower):
            match label_lower:
                case "auth.user":
                    return "user"
        """,
        path="blog/utils.py",
    )
    assert notes_of(result) == [
        'blog/utils.py:6:14: note: "auth.user" as a match pattern names auth\'s User, swapped out for '
        "accounts.User, and a pattern cannot call .lower(); match it in a guard: "
        "`case x if x == settings.AUTH_USER_MODEL.lower()` [model_strings]"
    ]


def test_note_compared_with_the_setting():
    result = check_noop(
        ModelStrings,
        """\
        from django.conf import settings

        CUSTOM_USER = settings.AUTH_USER_MODEL != "auth.User"
        """,
        path="blog/compat.py",
    )
    assert notes_of(result) == [
        'blog/compat.py:3:43: note: "auth.User" compared with AUTH_USER_MODEL; after the swap AUTH_USER_MODEL '
        "is accounts.User, so this check changes meaning; decide whether it means the user model or Django's "
        "default one and edit it by hand [model_strings]"
    ]


def test_note_settings_name_taken():
    result = check_noop(
        ModelStrings,
        """\
        from django.apps import apps


        def label(settings):
            return settings.get("model", "auth.User")
        """,
        path="blog/utils.py",
        options=options(label="users"),
    )
    assert notes_of(result) == [
        'blog/utils.py:5:34: note: "auth.User" names auth\'s User, swapped out for users.User; `settings` here '
        "is not django.conf.settings, so it was left as it is; write django.conf.settings.AUTH_USER_MODEL here "
        "[model_strings]"
    ]


def test_note_settings_name_taken_get_model():
    result = check_noop(
        ModelStrings,
        """\
        from myproject import settings

        def user_model(apps):
            return apps.get_model("auth", "User")
        """,
        path="blog/utils.py",
    )
    assert [n.split(": note: ")[0] for n in notes_of(result)] == ["blog/utils.py:4:12"]


def test_noop_docstrings_and_bare_strings():
    check_noop(
        ModelStrings,
        '''\
        """auth.User"""


        def f():
            """auth.User"""
            "auth.user"
        ''',
        path="blog/utils.py",
    )


def test_noop_other_models_and_longer_strings():
    check_noop(
        ModelStrings,
        """\
        from django.apps import apps

        Group = apps.get_model("auth", "Group")
        Post = apps.get_model("blog", "User")
        HELP = "Links to auth.User rows"
        PERMS = "auth.change_user"
        ct = ContentType.objects.get_by_natural_key("auth", "user")
        """,
        path="blog/utils.py",
    )


def test_noop_annotations():
    check_noop(
        ModelStrings,
        """\
        def promote(user: "auth.User") -> "auth.User":
            return user
        """,
        path="blog/utils.py",
    )


def test_noop_fstrings_and_concatenations():
    check_noop(
        ModelStrings,
        """\
        label = f"auth.User"
        other = "auth." "User"
        part = "auth.User" " (the default)"
        """,
        path="blog/utils.py",
    )


def test_script_without_django_gets_the_label_itself():
    # it cannot read settings; dumpdata's "model" values are lowercase labels
    check_transformed(
        ModelStrings,
        """\
        import json
        import sys

        USERS = ("auth.user",)
        rows = [row for row in json.load(sys.stdin) if row["model"] in USERS]
        default = "auth.User"
        """,
        """\
        import json
        import sys

        USERS = ("accounts.user",)
        rows = [row for row in json.load(sys.stdin) if row["model"] in USERS]
        default = "accounts.User"
        """,
        path="scripts/filter_fixtures.py",
    )


def test_label_inside_an_fstring_of_a_concatenation():
    # QuerySet.delete() counts by model label: after the swap the users are under the new label
    check_transformed(
        ModelStrings,
        """\
        from django.db import transaction


        def report(qs):
            with transaction.atomic():
                _, per_model = qs.delete()
            return (
                f"Deleted {per_model.get('auth.User', 0)} user(s) "
                f"(plus their profiles)."
            )
        """,
        """\
        from django.conf import settings
        from django.db import transaction


        def report(qs):
            with transaction.atomic():
                _, per_model = qs.delete()
            return (
                f"Deleted {per_model.get(settings.AUTH_USER_MODEL, 0)} user(s) "
                f"(plus their profiles)."
            )
        """,
        path="accounts_admin/commands.py",
    )


def test_noop_migrations():
    check_noop(
        ModelStrings,
        """\
        from django.db import migrations

        def forwards(apps, schema_editor):
            apps.get_model("auth", "User")
        """,
        path="blog/migrations/0002_data.py",
    )


def test_noop_already_swapped():
    check_noop(
        ModelStrings,
        """\
        from django.apps import apps
        from django.conf import settings

        User = apps.get_model(settings.AUTH_USER_MODEL)
        count = summary.get(settings.AUTH_USER_MODEL, 0)
        """,
        path="blog/utils.py",
    )


# -- in templates ------------------------------------------------------------------------------------


def test_template_model_labels_in_tags_keep_their_case():
    check_transformed(
        ModelStringTemplates,
        """\
        {{ attachments_form('auth.User', user.pk, images, settings, user) }}
        {% set form = upload_form(
            "auth.user", user.pk) %}
        {% with model="auth.User" %}{% include "upload.html" %}{% endwith %}
        """,
        """\
        {{ attachments_form('users.User', user.pk, images, settings, user) }}
        {% set form = upload_form(
            "users.user", user.pk) %}
        {% with model="users.User" %}{% include "upload.html" %}{% endwith %}
        """,
        path="kb/jinja2/kb/question.html",
        options=options(label="users"),
    )


def test_noop_template_model_labels_outside_tags():
    check_noop(
        ModelStringTemplates,
        """\
        <p>Uploads attach to 'auth.User' or "auth.user" rows.</p>
        {# attachments_form('auth.User', user.pk) #}
        {{ attachments_form('auth.Group', group.pk) }} {{ label('auth.users') }}
        """,
        path="kb/jinja2/kb/question.html",
    )

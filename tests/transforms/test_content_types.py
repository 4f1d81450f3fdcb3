from codemods.core.transform import FileInfo
from codemods.swap_user.transforms.content_types import ContentTypes

from .tools import check_noop, check_transformed, notes_of, options


def test_get_by_natural_key():
    check_transformed(
        ContentTypes,
        """\
        from django.contrib.contenttypes.models import ContentType

        user_type = ContentType.objects.get_by_natural_key("auth", "user")
        """,
        """\
        from django.contrib.auth import get_user_model
        from django.contrib.contenttypes.models import ContentType

        user_type = ContentType.objects.get_for_model(get_user_model())
        """,
    )


def test_get_by_app_label_and_model():
    check_transformed(
        ContentTypes,
        """\
        from django.contrib.auth import get_user_model
        from django.contrib.contenttypes.models import ContentType


        def user_type():
            return ContentType.objects.get(app_label='auth', model='User').pk


        def user_type_again():
            return ContentType.objects.get(model="user", app_label="auth")
        """,
        """\
        from django.contrib.auth import get_user_model
        from django.contrib.contenttypes.models import ContentType


        def user_type():
            return ContentType.objects.get_for_model(get_user_model()).pk


        def user_type_again():
            return ContentType.objects.get_for_model(get_user_model())
        """,
    )


def test_other_managers_and_multiline_call():
    check_transformed(
        ContentTypes,
        """\
        from django.contrib.auth import get_user_model
        from django.contrib.contenttypes.models import ContentType

        a = ContentType._default_manager.get_by_natural_key(app_label="auth", model="user")
        b = ContentType.objects.db_manager(using).get(app_label="auth", model="user")
        c = ContentType.objects.get(
            app_label="auth",
            model="user",
        )
        """,
        """\
        from django.contrib.auth import get_user_model
        from django.contrib.contenttypes.models import ContentType

        a = ContentType._default_manager.get_for_model(get_user_model())
        b = ContentType.objects.db_manager(using).get_for_model(get_user_model())
        c = ContentType.objects.get_for_model(
            get_user_model(),
        )
        """,
    )


def test_content_type_import_styles():
    check_transformed(
        ContentTypes,
        """\
        import django.contrib.contenttypes.models
        from django.contrib.auth import get_user_model
        from django.contrib.contenttypes import models as ct_models
        from django.contrib.contenttypes.models import ContentType as CT

        a = CT.objects.get_by_natural_key("auth", "user")
        b = ct_models.ContentType.objects.get_by_natural_key("auth", "user")
        c = django.contrib.contenttypes.models.ContentType.objects.get_by_natural_key("auth", "user")
        """,
        """\
        import django.contrib.contenttypes.models
        from django.contrib.auth import get_user_model
        from django.contrib.contenttypes import models as ct_models
        from django.contrib.contenttypes.models import ContentType as CT

        a = CT.objects.get_for_model(get_user_model())
        b = ct_models.ContentType.objects.get_for_model(get_user_model())
        c = django.contrib.contenttypes.models.ContentType.objects.get_for_model(get_user_model())
        """,
    )


def test_filter_and_other_forms_are_notes():
    result = check_noop(
        ContentTypes,
        """\
        from django.contrib.contenttypes.models import ContentType

        a = ContentType.objects.filter(app_label="auth", model="user")
        b = ContentType.objects.get(app_label="auth", model="user", id=3)
        c = ContentType.objects.using("replica").get(app_label="auth", model="user")
        d = ContentType.objects.get_or_create(app_label="auth", model="user")
        """,
    )
    message = (
        'looks up the content type ("auth", "user"); after the swap the user\'s content type is ("accounts",'
        ' "user"), so this finds nothing; use ContentType.objects.get_for_model(get_user_model()) [content_types]'
    )
    assert notes_of(result) == [
        "blog/models.py:3:5: note: ContentType.objects.filter(...) " + message,
        "blog/models.py:4:5: note: ContentType.objects.get(...) " + message,
        'blog/models.py:5:5: note: ContentType.objects.using("replica").get(...) ' + message,
        "blog/models.py:6:5: note: ContentType.objects.get_or_create(...) " + message,
    ]


def test_permission_by_app_label_and_codename():
    check_transformed(
        ContentTypes,
        """\
        from django.contrib.auth.models import Permission

        a = Permission.objects.get(content_type__app_label="auth", codename="change_user")
        b = Permission.objects.filter(codename__in=['add_user', 'view_user'], content_type__app_label='auth')
        c = Permission.objects.get_by_natural_key("change_user", "auth", "user")
        d = Permission.objects.get_by_natural_key(codename="view_user", app_label="auth", model="User")
        """,
        """\
        from django.contrib.auth.models import Permission

        a = Permission.objects.get(content_type__app_label="accounts", codename="change_user")
        b = Permission.objects.filter(codename__in=['add_user', 'view_user'], content_type__app_label='accounts')
        c = Permission.objects.get_by_natural_key("change_user", "accounts", "user")
        d = Permission.objects.get_by_natural_key(codename="view_user", app_label="accounts", model="User")
        """,
    )


def test_permission_import_styles_and_label():
    check_transformed(
        ContentTypes,
        """\
        import django.contrib.auth.models as m
        from django.contrib.auth import models

        a = m.Permission.objects.get(content_type__app_label="auth", codename="delete_user")
        b = models.Permission._default_manager.get(content_type__app_label="auth", codename="add_user")
        """,
        """\
        import django.contrib.auth.models as m
        from django.contrib.auth import models

        a = m.Permission.objects.get(content_type__app_label="users", codename="delete_user")
        b = models.Permission._default_manager.get(content_type__app_label="users", codename="add_user")
        """,
        options=options(label="users", app_module="hc.users"),
    )


def test_content_type_lookups_through_a_relation():
    check_transformed(
        ContentTypes,
        """\
        from django.contrib.admin.models import LogEntry
        from django.contrib.auth.models import Permission
        from django.db.models import Q

        entries = LogEntry.objects.filter(content_type__app_label="auth", content_type__model="user")
        perms = Permission.objects.filter(content_type__app_label="auth", content_type__model="user")
        query = Q(content_type__app_label="auth", content_type__model="User")
        """,
        """\
        from django.contrib.admin.models import LogEntry
        from django.contrib.auth.models import Permission
        from django.db.models import Q

        entries = LogEntry.objects.filter(content_type__app_label="accounts", content_type__model="user")
        perms = Permission.objects.filter(content_type__app_label="accounts", content_type__model="user")
        query = Q(content_type__app_label="accounts", content_type__model="User")
        """,
    )


def test_permissions_that_may_be_the_users_are_notes():
    result = check_noop(
        ContentTypes,
        """\
        from django.contrib.auth.models import Permission

        everything = Permission.objects.filter(content_type__app_label="auth")
        some = Permission.objects.get(content_type__app_label="auth", codename=codename)
        mixed = Permission.objects.filter(content_type__app_label="auth", codename__in=["add_user", "add_group"])
        """,
    )
    message = (
        'looks up permissions by content_type__app_label="auth"; after the swap the user permissions'
        ' (add/change/delete/view_user) are under "accounts", so it no longer finds them; if it means them, look'
        ' them up with content_type__app_label="accounts" (or the content type of get_user_model())'
        " [content_types]"
    )
    assert notes_of(result) == [
        "blog/models.py:3:14: note: Permission.objects.filter(...) " + message,
        "blog/models.py:4:8: note: Permission.objects.get(...) " + message,
        "blog/models.py:5:9: note: Permission.objects.filter(...) " + message,
    ]


def test_noop_other_auth_permissions_and_models():
    result = check_noop(
        ContentTypes,
        """\
        from django.contrib.auth.models import Permission
        from django.contrib.contenttypes.models import ContentType

        a = Permission.objects.get(content_type__app_label="auth", codename="change_group")
        b = Permission.objects.get_by_natural_key("change_group", "auth", "group")
        c = ContentType.objects.get_by_natural_key("auth", "group")
        d = ContentType.objects.get(app_label="auth", model="permission")
        e = Permission.objects.filter(content_type__app_label="auth", content_type__model="group")
        """,
    )
    assert notes_of(result) == []


def test_noop_get_for_model():
    check_noop(
        ContentTypes,
        """\
        from django.contrib.auth.models import User
        from django.contrib.contenttypes.models import ContentType

        APP = "auth"
        a = ContentType.objects.get_for_model(User)
        """,
    )


def test_noop_local_classes_named_like_djangos():
    result = check_noop(
        ContentTypes,
        """\
        from django.db import models


        class ContentType(models.Model):
            pass


        class Permission(models.Model):
            pass


        a = ContentType.objects.get_by_natural_key("auth", "user")
        b = ContentType.objects.filter(app_label="auth", model="user")
        c = Permission.objects.get(content_type__app_label="auth", codename="change_user")
        d = Permission.objects.filter(content_type__app_label="auth")
        """,
    )
    assert notes_of(result) == []


def test_noop_plain_keywords_outside_content_types():
    check_noop(
        ContentTypes,
        """\
        def describe(app_label, model):
            pass


        describe(app_label="auth", model="user")
        """,
    )


def test_noop_not_wanted_without_an_auth_literal():
    info = FileInfo("blog/models.py", "python", "blog.models", False)
    assert not ContentTypes.wants("ContentType.objects.get_for_model(User)\n", options(), info)
    check_noop(
        ContentTypes,
        """\
        from django.contrib.auth.models import User
        from django.contrib.contenttypes.models import ContentType

        user_type = ContentType.objects.get_for_model(User)
        """,
    )
    assert ContentTypes.wants(
        "ContentType.objects.get_by_natural_key('auth', 'user')\n", options(), info
    )
    migration = FileInfo("blog/migrations/0002_data.py", "migration", None, False)
    assert not ContentTypes.wants(
        "ContentType.objects.get_by_natural_key('auth', 'user')\n", options(), migration
    )

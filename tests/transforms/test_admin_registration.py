from codemods.core.transform import FileInfo
from codemods.swap_user.transform_facts import AuthForm, UserAdmin
from codemods.swap_user.transforms.admin_registration import AdminRegistration
from codemods.swap_user.transforms.user_class import UserClass

from .tools import check_noop, check_transformed, notes_of, options

ADMIN = "blog/admin.py"


def facts_of(result):
    return result.facts if result else []


def test_unregister_and_register_with_a_class_of_this_module():
    result = check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.admin import UserAdmin
        from django.contrib.auth.models import Group, User


        class CustomUserAdmin(UserAdmin):
            def has_add_permission(self, request, obj=None):
                return False


        admin.site.unregister(User)
        admin.site.register(User, CustomUserAdmin)

        admin.site.unregister(Group)
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth.admin import UserAdmin
        from django.contrib.auth.models import Group, User


        class CustomUserAdmin(UserAdmin):
            def has_add_permission(self, request, obj=None):
                return False


        admin.site.unregister(Group)
        """,
        path=ADMIN,
    )
    assert facts_of(result) == [UserAdmin("blog.admin", "CustomUserAdmin")]
    assert notes_of(result) == []


def test_register_decorator_on_a_class_of_this_module():
    result = check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.admin import UserAdmin
        from django.contrib.auth.models import User


        class UserAnnotations:
            pass


        admin.site.unregister(User)


        @admin.register(User)
        class HcUserAdmin(UserAdmin[User]):
            list_display = ("id", "email")


        @admin.register(Credential)
        class CredentialAdmin(admin.ModelAdmin):
            pass
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth.admin import UserAdmin
        from django.contrib.auth.models import User


        class UserAnnotations:
            pass


        class HcUserAdmin(UserAdmin[User]):
            list_display = ("id", "email")


        @admin.register(Credential)
        class CredentialAdmin(admin.ModelAdmin):
            pass
        """,
        path="hc/accounts/admin.py",
    )
    assert facts_of(result) == [UserAdmin("hc.accounts.admin", "HcUserAdmin")]
    assert notes_of(result) == []


def test_decorator_comment_and_other_decorators_kept():
    result = check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User


        # The staff see the users.
        @admin.register(User)
        # keep me
        @some_decorator
        class MyUserAdmin(admin.ModelAdmin):
            pass
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User


        # The staff see the users.
        # keep me
        @some_decorator
        class MyUserAdmin(admin.ModelAdmin):
            pass
        """,
        path=ADMIN,
    )
    assert facts_of(result) == [UserAdmin("blog.admin", "MyUserAdmin")]


def test_register_with_an_imported_class_drops_its_unused_imports():
    result = check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        from staff.admin_classes import StaffUserAdmin

        admin.site.register(User, StaffUserAdmin)
        """,
        """\
        from django.contrib.auth.models import User
        """,
        path=ADMIN,
    )
    assert facts_of(result) == [UserAdmin("staff.admin_classes", "StaffUserAdmin")]


def test_register_with_a_relative_import_and_keyword():
    result = check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        from .user_admin import MyUserAdmin as UA
        from .models import Post

        admin.site.register(Post)
        admin.site.register(model_or_iterable=User, admin_class=UA)
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        from .models import Post

        admin.site.register(Post)
        """,
        path=ADMIN,
    )
    assert facts_of(result) == [UserAdmin("blog.user_admin", "MyUserAdmin")]


def test_register_with_a_module_attribute_class():
    result = check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        from staff import admin_classes

        admin.site.register(User, admin_classes.StaffUserAdmin)
        admin.site.register(admin_classes.Thing)
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        from staff import admin_classes

        admin.site.register(admin_classes.Thing)
        """,
        path=ADMIN,
    )
    assert facts_of(result) == [UserAdmin("staff.admin_classes", "StaffUserAdmin")]


def test_register_without_admin_class_is_a_note():
    result = check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        from .models import Post

        admin.site.register(User)
        admin.site.register(Post)
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        from .models import Post

        admin.site.register(Post)
        """,
        path=ADMIN,
    )
    assert facts_of(result) == []
    assert notes_of(result) == [
        "blog/admin.py:6:1: note: removed User from admin.site.register(...), which gave it no admin class; the"
        " new app's admin.py registers the new User with Django's UserAdmin, not a plain ModelAdmin; check that"
        " the user admin still shows what you need [admin_registration]"
    ]


def test_register_with_djangos_user_admin_needs_no_fact():
    result = check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.admin import UserAdmin
        from django.contrib.auth.models import User

        admin.site.unregister(User)
        admin.site.register(User, UserAdmin)
        admin.site.register(Thing)
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        admin.site.register(Thing)
        """,
        path=ADMIN,
    )
    assert facts_of(result) == []
    assert notes_of(result) == []


def test_try_except_not_registered_goes_whole():
    check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.admin.sites import NotRegistered
        from django.contrib.auth.models import User

        from .models import Post

        try:
            admin.site.unregister(User)
        except NotRegistered:
            pass

        admin.site.register(Post)
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        from .models import Post

        admin.site.register(Post)
        """,
        path=ADMIN,
    )


def test_try_except_admin_sites_not_registered_goes_whole():
    check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.admin import exceptions
        from django.contrib.auth.models import User


        def setup():
            try:
                admin.site.unregister(User)
            except admin.sites.NotRegistered:
                pass
            except (exceptions.NotRegistered,) as exc:
                raise
            admin.site.register(Post)
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User


        def setup():
            admin.site.register(Post)
        """,
        path=ADMIN,
    )


def test_try_with_other_handlers_keeps_a_pass():
    check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        try:
            admin.site.unregister(User)
        except Exception:
            pass

        try:
            admin.site.unregister(User)
        except admin.sites.NotRegistered:
            pass
        else:
            log("unregistered")
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        try:
            pass
        except Exception:
            pass

        try:
            pass
        except admin.sites.NotRegistered:
            pass
        else:
            log("unregistered")
        """,
        path=ADMIN,
    )


def test_is_registered_guard_goes_whole():
    check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        if admin.site.is_registered(User):
            admin.site.unregister(User)
        if not admin.site.is_registered(User):
            admin.site.register(User, MyUserAdmin)
        admin.site.register(Post)


        class MyUserAdmin(admin.ModelAdmin):
            pass
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        admin.site.register(Post)


        class MyUserAdmin(admin.ModelAdmin):
            pass
        """,
        path=ADMIN,
    )


def test_unregister_in_a_function_leaves_pass_and_comments():
    check_transformed(
        AdminRegistration,
        """\
        from django.apps import AppConfig
        from django.contrib import admin
        from django.contrib.auth.models import User


        class BlogConfig(AppConfig):
            def ready(self):
                # auth's admin is replaced by ours
                admin.site.unregister(User)

            def other(self):
                admin.site.unregister(User)
                # trailing comment
        """,
        """\
        from django.apps import AppConfig
        from django.contrib.auth.models import User


        class BlogConfig(AppConfig):
            def ready(self):
                # auth's admin is replaced by ours
                pass

            def other(self):
                pass
                # trailing comment
        """,
        path="blog/apps.py",
    )


def test_one_line_suite_and_semicolons():
    check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import Group, User

        if REPLACE_ADMIN: admin.site.unregister(User)
        admin.site.unregister(User); admin.site.unregister(Group)
        admin.site.unregister(Group); admin.site.unregister(User)
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import Group, User

        if REPLACE_ADMIN: pass
        admin.site.unregister(Group)
        admin.site.unregister(Group)
        """,
        path=ADMIN,
    )


def test_unregister_of_several_models_drops_user():
    check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import Group, User

        admin.site.unregister([User, Group])
        admin.site.unregister((Group, User))
        admin.site.unregister([
            Group,
            User,
        ])
        admin.site.unregister([User])
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import Group, User

        admin.site.unregister([Group])
        admin.site.unregister((Group,))
        admin.site.unregister([
            Group,
        ])
        """,
        path=ADMIN,
    )


def test_register_of_several_models_drops_user_with_a_note():
    result = check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import Group, User


        class PeopleAdmin(admin.ModelAdmin):
            pass


        admin.site.register([User, Group], PeopleAdmin)
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import Group, User


        class PeopleAdmin(admin.ModelAdmin):
            pass


        admin.site.register([Group], PeopleAdmin)
        """,
        path=ADMIN,
    )
    assert facts_of(result) == [UserAdmin("blog.admin", "PeopleAdmin")]
    assert notes_of(result) == [
        "blog/admin.py:9:1: note: removed User from admin.site.register(...); the new app's admin.py registers"
        " PeopleAdmin for the new User, this registration keeps it for the other models; nothing to do unless"
        " that class relies on being registered for several models [admin_registration]"
    ]


def test_decorator_for_several_models_drops_user_with_a_note():
    result = check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import Group, User


        @admin.register(User, Group)
        class PeopleAdmin(admin.ModelAdmin):
            pass


        @admin.register(Group, User, site=admin.site)
        class OtherAdmin(admin.ModelAdmin):
            pass
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import Group, User


        @admin.register(Group)
        class PeopleAdmin(admin.ModelAdmin):
            pass


        @admin.register(Group, site=admin.site)
        class OtherAdmin(admin.ModelAdmin):
            pass
        """,
        path=ADMIN,
    )
    assert facts_of(result) == [
        UserAdmin("blog.admin", "PeopleAdmin"),
        UserAdmin("blog.admin", "OtherAdmin"),
    ]
    assert notes_of(result) == [
        "blog/admin.py:5:1: note: removed User from @admin.register(...); the new app's admin.py registers"
        " PeopleAdmin for the new User, this registration keeps it for the other models; nothing to do unless"
        " that class relies on being registered for several models [admin_registration]",
        "blog/admin.py:10:1: note: @admin.register(...) registers a second admin class for auth's User on the"
        " default site (blog.admin.PeopleAdmin came first); the new app's admin.py registers only one; merge them"
        " into the class it registers [admin_registration]",
        "blog/admin.py:10:1: note: removed User from @admin.register(...); the new app's admin.py registers"
        " OtherAdmin for the new User, this registration keeps it for the other models; nothing to do unless"
        " that class relies on being registered for several models [admin_registration]",
    ]


def test_second_admin_class_is_a_note():
    result = check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        from .first import FirstAdmin
        from .second import SecondAdmin

        admin.site.register(User, FirstAdmin)
        admin.site.unregister(User)
        admin.site.register(User, SecondAdmin)
        """,
        """\
        from django.contrib.auth.models import User
        """,
        path=ADMIN,
    )
    assert facts_of(result) == [
        UserAdmin("blog.first", "FirstAdmin"),
        UserAdmin("blog.second", "SecondAdmin"),
    ]
    assert notes_of(result) == [
        "blog/admin.py:9:1: note: admin.site.register(...) registers a second admin class for auth's User on the"
        " default site (blog.first.FirstAdmin came first); the new app's admin.py registers only one; merge them"
        " into the class it registers [admin_registration]"
    ]


def test_site_import_styles():
    result = check_transformed(
        AdminRegistration,
        """\
        import django.contrib.admin
        from django.contrib import admin as dj_admin
        from django.contrib.admin import site
        from django.contrib.admin import sites
        from django.contrib.auth.models import User

        site.unregister(User)
        dj_admin.site.unregister(User)
        sites.site.unregister(User)
        django.contrib.admin.site.unregister(User)
        django.contrib.admin.sites.site.unregister(User)


        @dj_admin.register(User)
        class MyUserAdmin(dj_admin.ModelAdmin):
            pass
        """,
        """\
        from django.contrib import admin as dj_admin
        from django.contrib.auth.models import User


        class MyUserAdmin(dj_admin.ModelAdmin):
            pass
        """,
        path=ADMIN,
    )
    assert facts_of(result) == [UserAdmin("blog.admin", "MyUserAdmin")]


def test_user_import_styles():
    check_transformed(
        AdminRegistration,
        """\
        import django.contrib.auth.models as m
        from django.contrib import admin
        from django.contrib.auth import models
        from django.contrib.auth.models import User as AuthUser

        admin.site.unregister(m.User)
        admin.site.unregister(models.User)
        admin.site.unregister(AuthUser)
        admin.site.unregister(models.Group)
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth import models
        from django.contrib.auth.models import User as AuthUser

        admin.site.unregister(models.Group)
        """,
        path=ADMIN,
    )


def test_unregister_through_a_module_with_user_class_leaves_no_import():
    # user_class rewrites auth.models.User inside the statement before this transform drops it
    check_transformed(
        (AdminRegistration, UserClass),
        """\
        from django.contrib import admin, auth
        from django.contrib.auth.admin import UserAdmin


        @admin.register(auth.models.User)
        class StaffAdmin(UserAdmin):
            pass


        if admin.site.is_registered(auth.models.User):
            admin.site.unregister(auth.models.User)
        """,
        """\
        from django.contrib.auth.admin import UserAdmin


        class StaffAdmin(UserAdmin):
            pass
        """,
        path=ADMIN,
    )


def test_reexported_user():
    result = check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin

        from core.models import User

        admin.site.unregister(User)
        admin.site.register(User, admin.ModelAdmin)
        admin.site.register(Post)
        """,
        """\
        from django.contrib import admin

        from core.models import User

        admin.site.register(Post)
        """,
        path=ADMIN,
        options=options(
            user_names=frozenset({"django.contrib.auth.models.User", "core.models.User"})
        ),
    )
    assert facts_of(result) == [UserAdmin("django.contrib.admin", "ModelAdmin")]


def test_explicit_default_site_on_the_decorator():
    result = check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User


        @admin.register(User, site=admin.site)
        class MyUserAdmin(admin.ModelAdmin):
            pass
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User


        class MyUserAdmin(admin.ModelAdmin):
            pass
        """,
        path=ADMIN,
    )
    assert facts_of(result) == [UserAdmin("blog.admin", "MyUserAdmin")]


def test_class_defined_in_a_function_is_a_note():
    source = """\
        from django.contrib import admin
        from django.contrib.auth.models import User


        def setup():
            class LocalUserAdmin(admin.ModelAdmin):
                pass

            admin.site.register(User, LocalUserAdmin)


        def setup_again():
            @admin.register(User)
            class LocalUserAdmin(admin.ModelAdmin):
                pass
        """
    result = check_noop(AdminRegistration, source, path=ADMIN)
    assert facts_of(result) == []
    assert notes_of(result) == [
        "blog/admin.py:9:5: note: admin.site.register(...) left as it is; the new app's admin.py registers the"
        " new User too, so this raises AlreadyRegistered at start-up, and it cannot import this admin class"
        " (LocalUserAdmin); make it a module-level class, register it in the new app's admin.py, and remove this"
        " registration [admin_registration]",
        "blog/admin.py:13:5: note: @admin.register(...) left as it is; the new app's admin.py registers the new"
        " User too, so this raises AlreadyRegistered at start-up, and it cannot import this admin class"
        " (LocalUserAdmin is not a module-level class); make it a module-level class, register it in the new"
        " app's admin.py, and remove this registration [admin_registration]",
    ]


def test_register_with_options_is_a_note():
    result = check_noop(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        admin.site.register(User, list_display=["username"])
        """,
        path=ADMIN,
    )
    assert facts_of(result) == []
    assert notes_of(result) == [
        "blog/admin.py:4:1: note: admin.site.register(...) left as it is; the new app's admin.py registers the"
        " new User too, so this raises AlreadyRegistered at start-up, and it cannot import this admin class"
        " (built from keyword options); make it a module-level class, register it in the new app's admin.py, and"
        " remove this registration [admin_registration]"
    ]


def test_noop_other_site():
    result = check_noop(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        my_site = admin.AdminSite(name="staff")
        my_site.register(User, admin.ModelAdmin)
        my_site.unregister(User)


        @admin.register(User, site=my_site)
        class StaffUserAdmin(admin.ModelAdmin):
            pass
        """,
        path=ADMIN,
    )
    assert facts_of(result) == []
    assert notes_of(result) == []


def test_noop_local_class_named_user():
    result = check_noop(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.db import models


        class User(models.Model):
            pass


        admin.site.register(User)
        admin.site.unregister(User)


        @admin.register(User)
        class UserAdmin(admin.ModelAdmin):
            pass
        """,
        path=ADMIN,
    )
    assert facts_of(result) == []
    assert notes_of(result) == []


def test_noop_other_models_and_uses():
    check_noop(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group, User

        admin.site.unregister(Group)
        admin.site.unregister(get_user_model())
        admin.site.register(get_user_model(), admin.ModelAdmin)
        registered = admin.site.is_registered(User)
        """,
        path=ADMIN,
    )


def test_noop_not_wanted():
    info = FileInfo(ADMIN, "python", "blog.admin", False)
    assert not AdminRegistration.wants(
        "from django.contrib.auth.models import User\n", options(), info
    )
    text = "from django.contrib.auth.models import User\nadmin.site.register(User)\n"
    assert AdminRegistration.wants(text, options(), info)
    assert not AdminRegistration.wants(text, options(user_files=frozenset()), info)
    assert not AdminRegistration.wants(
        text, options(), FileInfo("blog/migrations/0001.py", "migration", None, False)
    )
    check_noop(AdminRegistration, "from django.contrib.auth.models import User\n", path=ADMIN)


def test_elif_branch_keeps_a_pass():
    check_transformed(
        AdminRegistration,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        if CUSTOM_ADMIN:
            admin.site.register(Post)
        elif admin.site.is_registered(User):
            admin.site.unregister(User)
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        if CUSTOM_ADMIN:
            admin.site.register(Post)
        elif admin.site.is_registered(User):
            pass
        """,
        path=ADMIN,
    )


def _with_the_others(source, *transforms, path=ADMIN):
    """Run inside one traversal with other transforms, as the runner does."""
    import textwrap

    from codemods.core.runner import Job, run_job

    info = FileInfo(path, "python", path[:-3].replace("/", "."), False)
    result = run_job(Job(info, textwrap.dedent(source), transforms), options(), options().style)
    assert result.crash is None, result.crash
    return result


def test_with_user_class_an_import_used_only_by_registrations_goes():
    from codemods.swap_user.transforms.user_class import UserClass

    result = _with_the_others(
        """\
        from django.contrib import admin
        from django.contrib.auth.admin import UserAdmin
        from django.contrib.auth.models import User

        # the user admin, replaced
        admin.site.unregister(User)
        admin.site.register(User, UserAdmin)
        admin.site.register(Post)
        """,
        AdminRegistration,
        UserClass,
    )
    assert result.new_text == (
        "from django.contrib import admin\n"
        "\n"
        "# the user admin, replaced\n"
        "admin.site.register(Post)\n"
    )


def test_with_user_class_remaining_uses_keep_user():
    from codemods.swap_user.transforms.user_class import UserClass

    result = _with_the_others(
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User


        class MyUserAdmin(admin.ModelAdmin):
            def get_queryset(self, request):
                return User.objects.all()


        admin.site.unregister(User)
        admin.site.register(User, MyUserAdmin)
        """,
        AdminRegistration,
        UserClass,
    )
    assert result.new_text == (
        "from django.contrib import admin\n"
        "from django.contrib.auth import get_user_model\n"
        "\n"
        "User = get_user_model()\n"
        "\n"
        "\n"
        "class MyUserAdmin(admin.ModelAdmin):\n"
        "    def get_queryset(self, request):\n"
        "        return User.objects.all()\n"
    )
    assert result.facts == [UserAdmin("blog.admin", "MyUserAdmin")]


def test_with_auth_forms_in_the_same_traversal():
    from codemods.swap_user.transforms.auth_forms import AuthForms
    from codemods.swap_user.transforms.user_class import UserClass

    result = _with_the_others(
        """\
        from django.contrib import admin
        from django.contrib.auth.admin import UserAdmin
        from django.contrib.auth.forms import UserCreationForm
        from django.contrib.auth.models import User


        class MyUserAdmin(UserAdmin):
            add_form = UserCreationForm


        try:
            admin.site.unregister(User)
        except admin.sites.NotRegistered:
            pass
        admin.site.register(User, MyUserAdmin)
        """,
        AdminRegistration,
        AuthForms,
        UserClass,
    )
    assert result.new_text == (  # admin, NotRegistered and User were used only by what went
        "from django.contrib.auth.admin import UserAdmin\n"
        "\n"
        "from accounts.forms import UserCreationForm\n"
        "\n"
        "\n"
        "class MyUserAdmin(UserAdmin):\n"
        "    add_form = UserCreationForm\n"
    )
    assert result.facts == [
        UserAdmin("blog.admin", "MyUserAdmin"),
        AuthForm("UserCreationForm"),
    ]

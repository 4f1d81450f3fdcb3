from __future__ import annotations

from codemods.swap_user.transforms.permission_strings import PermissionStrings, PermissionTemplates

from .tools import TEMPLATE_TRANSFORMS, check_noop, check_transformed, notes_of, options


def test_has_perm():
    check_transformed(
        PermissionStrings,
        """\
        def can_edit(request):
            return request.user.has_perm("auth.change_user")
        """,
        """\
        def can_edit(request):
            return request.user.has_perm("accounts.change_user")
        """,
        path="blog/views.py",
    )


def test_other_label_and_single_quotes():
    check_transformed(
        PermissionStrings,
        """\
        from django.contrib.auth.decorators import permission_required


        @permission_required('auth.view_user', raise_exception=True)
        def user_list(request):
            ...
        """,
        """\
        from django.contrib.auth.decorators import permission_required


        @permission_required('users.view_user', raise_exception=True)
        def user_list(request):
            ...
        """,
        path="blog/views.py",
        options=options(label="users"),
    )


def test_permission_required_mixin_tuple():
    check_transformed(
        PermissionStrings,
        """\
        class UserAdminView(PermissionRequiredMixin, ListView):
            permission_required = (
                "auth.add_user",  # staff only
                "auth.delete_user",
                "blog.change_post",
            )
        """,
        """\
        class UserAdminView(PermissionRequiredMixin, ListView):
            permission_required = (
                "accounts.add_user",  # staff only
                "accounts.delete_user",
                "blog.change_post",
            )
        """,
        path="blog/views.py",
    )


def test_drf_permission_map():
    check_transformed(
        PermissionStrings,
        """\
        class UserPermissions(DjangoModelPermissions):
            perms_map = {
                "GET": ["auth.view_user"],
                "POST": ["auth.add_user"],
                "PATCH": ["auth.change_user"],
                "DELETE": ["auth.delete_user"],
            }
        """,
        """\
        class UserPermissions(DjangoModelPermissions):
            perms_map = {
                "GET": ["accounts.view_user"],
                "POST": ["accounts.add_user"],
                "PATCH": ["accounts.change_user"],
                "DELETE": ["accounts.delete_user"],
            }
        """,
        path="api/permissions.py",
    )


def test_several_in_one_string_and_prefixes():
    check_transformed(
        PermissionStrings,
        """\
        HELP = r"needs auth.change_user or auth.view_user"
        RAW = u'auth.add_user'
        """,
        """\
        HELP = r"needs accounts.change_user or accounts.view_user"
        RAW = u'accounts.add_user'
        """,
        path="blog/constants.py",
    )


def test_docstring():
    check_transformed(
        PermissionStrings,
        '''\
        def promote(user):
            """Staff with auth.change_user may promote."""
        ''',
        '''\
        def promote(user):
            """Staff with accounts.change_user may promote."""
        ''',
        path="blog/services.py",
    )


def test_fstring_literal_part():
    check_transformed(
        PermissionStrings,
        """\
        message = f"{user} lacks auth.change_user"
        """,
        """\
        message = f"{user} lacks accounts.change_user"
        """,
        path="blog/services.py",
    )


def test_settings_module():
    check_transformed(
        PermissionStrings,
        """\
        STAFF_PERMISSIONS = ["auth.view_user"]
        """,
        """\
        STAFF_PERMISSIONS = ["users.view_user"]
        """,
        path="proj/settings.py",
        settings=True,
        options=options(label="users"),
    )


def test_note_permission_built_at_run_time():
    result = check_noop(
        PermissionStrings,
        """\
        def allowed(user, action):
            return user.has_perm("auth.%s_user" % action) or user.has_perm(f"auth.{action}_user")
        """,
        path="blog/services.py",
        options=options(label="users"),
    )
    message = (
        "note: permission name built from 'auth.' and '_user'; after the swap the user permissions belong to "
        "the 'users' app; build it from 'users.' instead [permission_strings]"
    )
    assert notes_of(result) == [
        "blog/services.py:2:26: " + message,
        "blog/services.py:2:68: " + message,
    ]


def test_note_escape_sequence_in_a_wanted_file():
    result = check_transformed(
        PermissionStrings,
        """\
        A = "auth.change_user"
        B = "\\nauth.view_user"
        """,
        """\
        A = "accounts.change_user"
        B = "\\nauth.view_user"
        """,
        path="blog/services.py",
    )
    assert notes_of(result) == [
        'blog/services.py:2:5: note: "\\nauth.view_user" holds a permission of auth\'s User; escape sequences '
        "keep it from being rewritten as text; write accounts.<action>_user here [permission_strings]"
    ]


def test_noop_other_permissions():
    check_noop(
        PermissionStrings,
        """\
        PERMS = ["auth.change_group", "auth.view_permission", "blog.change_user", "auth.change_user_profile"]
        NAME = "change_user"
        """,
        path="blog/services.py",
    )


def test_noop_bytes_and_names():
    check_noop(
        PermissionStrings,
        """\
        DATA = b"auth.change_user"
        auth.change_user = True
        """,
        path="blog/services.py",
    )


def test_noop_migrations():
    check_noop(
        PermissionStrings,
        """\
        PERMS = ["auth.change_user"]
        """,
        path="blog/migrations/0004_perms.py",
    )


def test_noop_already_renamed():
    check_noop(
        PermissionStrings,
        """\
        PERMS = ["accounts.change_user"]
        """,
        path="blog/services.py",
    )


# -- in templates ------------------------------------------------------------------------------------

TEMPLATE = "blog/templates/blog/x.html"


def test_template_perms_in_if_tag():
    check_transformed(
        TEMPLATE_TRANSFORMS,
        """\
        {% if perms.auth.change_user %}
          <a href="{% url 'admin:auth_user_change' user.pk %}">Edit</a>
        {% endif %}
        """,
        """\
        {% if perms.accounts.change_user %}
          <a href="{% url 'admin:accounts_user_change' user.pk %}">Edit</a>
        {% endif %}
        """,
        path=TEMPLATE,
    )


def test_template_other_label_every_action():
    check_transformed(
        PermissionTemplates,
        """\
        {% if perms.auth.add_user or perms.auth.view_user %}x{% endif %}
        {% if perms.auth.delete_user %}y{% endif %}
        """,
        """\
        {% if perms.users.add_user or perms.users.view_user %}x{% endif %}
        {% if perms.users.delete_user %}y{% endif %}
        """,
        path=TEMPLATE,
        options=options(label="users"),
    )


def test_template_quoted_permission_in_membership_test_and_jinja():
    check_transformed(
        PermissionTemplates,
        """\
        {% if "auth.change_user" in perms %}ok{% endif %}
        {% if request.user.has_perm('auth.view_user') %}ok{% endif %}
        """,
        """\
        {% if "accounts.change_user" in perms %}ok{% endif %}
        {% if request.user.has_perm('accounts.view_user') %}ok{% endif %}
        """,
        path="blog/templates/blog/x.jinja2",
    )


def test_template_text_template_keeps_every_other_byte():
    before = "Hi {{ name }},\r\n\r\n\tYou were granted auth.change_user.\r\nNo trailing newline"
    after = "Hi {{ name }},\r\n\r\n\tYou were granted accounts.change_user.\r\nNo trailing newline"
    check_transformed(PermissionTemplates, before, after, path="blog/templates/emails/granted.txt")


def test_noop_template_other_permissions_and_urls():
    check_noop(
        TEMPLATE_TRANSFORMS,
        """\
        {% if perms.auth.change_group %}{% url 'admin:auth_group_changelist' %}{% endif %}
        {% if perms.auth %}{% url 'admin:blog_user_change' 1 %}{% endif %}
        {% if perms.auth.change_user_profile %}{% endif %}
        <a href="/api/auth/user/">me</a> <a href="{{ api_root }}auth/user/">me</a>
        <a href="/admin/auth/user_profile/">profile</a>
        """,
        path=TEMPLATE,
    )


def test_noop_template_already_renamed():
    check_noop(
        TEMPLATE_TRANSFORMS,
        """\
        {% if perms.accounts.change_user %}{% url 'admin:accounts_user_change' user.pk %}{% endif %}
        """,
        path=TEMPLATE,
    )


def test_noop_template_other_roles():
    check_noop(TEMPLATE_TRANSFORMS, "perms.auth.change_user\n", path="blog/migrations/notes.txt")
    check_noop(TEMPLATE_TRANSFORMS, "perms.auth.change_user\n", path="README.md")

from __future__ import annotations

from codemods.swap_user.transforms.admin_urls import AdminUrls, AdminUrlTemplates

from .tools import check_noop, check_transformed, notes_of, options


def test_reverse_change():
    check_transformed(
        AdminUrls,
        """\
        from django.urls import reverse


        def admin_link(user):
            return reverse("admin:auth_user_change", args=[user.pk])
        """,
        """\
        from django.urls import reverse


        def admin_link(user):
            return reverse("admin:accounts_user_change", args=[user.pk])
        """,
        path="blog/views.py",
    )


def test_every_suffix_other_label():
    check_transformed(
        AdminUrls,
        """\
        URLS = [
            'admin:auth_user_changelist',
            'admin:auth_user_add',
            'admin:auth_user_delete',
            'admin:auth_user_history',
        ]
        """,
        """\
        URLS = [
            'admin:users_user_changelist',
            'admin:users_user_add',
            'admin:users_user_delete',
            'admin:users_user_history',
        ]
        """,
        path="blog/admin_links.py",
        options=options(label="users"),
    )


def test_password_change_is_kept():
    check_transformed(
        AdminUrls,
        """\
        PASSWORD = reverse("admin:auth_user_password_change", args=[user.pk])
        CHANGE = reverse("admin:auth_user_change", args=[user.pk])
        """,
        """\
        PASSWORD = reverse("admin:auth_user_password_change", args=[user.pk])
        CHANGE = reverse("admin:accounts_user_change", args=[user.pk])
        """,
        path="blog/views.py",
    )


def test_redirect_and_fstring():
    check_transformed(
        AdminUrls,
        """\
        def go(user):
            return redirect(f"admin:auth_user_change", user.pk)
        """,
        """\
        def go(user):
            return redirect(f"admin:accounts_user_change", user.pk)
        """,
        path="blog/views.py",
    )


def test_settings_module():
    check_transformed(
        AdminUrls,
        """\
        LOGIN_REDIRECT_URL = "admin:auth_user_changelist"
        """,
        """\
        LOGIN_REDIRECT_URL = "admin:accounts_user_changelist"
        """,
        path="proj/settings.py",
        settings=True,
    )


def test_admin_paths_in_strings():
    check_transformed(
        AdminUrls,
        """\
        class AdminTests(TestCase):
            def test_list(self):
                response = self.client.get("/admin/auth/user/")
                self.assertRedirects(response, 'https://example.com/admin/auth/user/?is_staff__exact=1')
                self.client.post("/admin/auth/user/%d/change/" % self.user.pk)
                self.client.get("admin/auth/user/{}/delete/".format(self.user.pk))
        """,
        """\
        class AdminTests(TestCase):
            def test_list(self):
                response = self.client.get("/admin/users/user/")
                self.assertRedirects(response, 'https://example.com/admin/users/user/?is_staff__exact=1')
                self.client.post("/admin/users/user/%d/change/" % self.user.pk)
                self.client.get("admin/users/user/{}/delete/".format(self.user.pk))
        """,
        path="blog/tests/test_admin.py",
        options=options(label="users"),
    )


def test_admin_paths_in_fstrings_after_a_prefix():
    check_transformed(
        AdminUrls,
        """\
        SU_LOGOUT_REDIRECT_URL = f"/{BASE_PATH}admin/auth/user/"
        CHANGE = f"/admin/auth/user/{user.pk}/change/"
        ROOTED = f"{settings.ADMIN_URL}auth/user/{user.pk}/history/"
        """,
        """\
        SU_LOGOUT_REDIRECT_URL = f"/{BASE_PATH}admin/accounts/user/"
        CHANGE = f"/admin/accounts/user/{user.pk}/change/"
        ROOTED = f"{settings.ADMIN_URL}accounts/user/{user.pk}/history/"
        """,
        path="proj/config/auth.py",
        settings=True,
    )


def test_note_admin_path_in_prose():
    result = check_noop(
        AdminUrls,
        """\
        HELP = "Edit users at /admin/auth/user/ (staff only)."
        SHOWN = f"Edit {name} at /admin/auth/user/{pk}/change/"
        OTHER_ROOT = "/backoffice/myadmin/auth/user/"
        """,
        path="blog/help.py",
        options=options(label="users"),
    )
    assert notes_of(result)[0] == (
        "blog/help.py:1:8: note: admin path admin/auth/user/ left as it is (the string is more than a path, or the "
        "path does not start at the admin's root); after the swap the user admin is at /admin/users/user/; use "
        'reverse("admin:users_user_changelist") (or admin:users_user_change with the user\'s id) [admin_urls]'
    )
    assert [n.split(": note: ")[0] for n in notes_of(result)] == [
        "blog/help.py:1:8",
        "blog/help.py:2:9",
        "blog/help.py:3:14",
    ]


def test_note_template_names_the_admin_finds_by_the_models_path():
    result = check_noop(
        AdminUrls,
        """\
        class StaffAdmin(UserAdmin):
            change_list_template = "admin/auth/user/change_list.html"
            add_form_template = "admin/auth/user/add_form.html"
            stats_template = "admin/auth/user/stats.html"
        """,
        path="blog/admin.py",
    )
    assert notes_of(result) == [
        "blog/admin.py:2:28: note: template name admin/auth/user/change_list.html: after the swap the admin looks it "
        "up as admin/accounts/user/change_list.html, where the tool moves the project's own template of that name; "
        "if this names that template, rename it here [admin_urls]"
    ]


def test_note_name_built_at_run_time():
    result = check_noop(
        AdminUrls,
        """\
        def link(action, user):
            return reverse(f"admin:auth_user_{action}", args=[user.pk])
        """,
        path="blog/views.py",
    )
    assert notes_of(result) == [
        "blog/views.py:2:20: note: admin URL name built from 'admin:auth_user_'; after the swap the user admin's "
        "URL names are 'admin:accounts_user_<suffix>' (only admin:auth_user_password_change stays); build it from "
        "'admin:accounts_user_' [admin_urls]"
    ]


def test_note_name_built_with_percent():
    result = check_noop(
        AdminUrls,
        """\
        name = "admin:auth_user_%s" % action
        """,
        path="blog/views.py",
    )
    assert [n.split(": note: ")[0] for n in notes_of(result)] == ["blog/views.py:1:8"]


def test_noop_other_models_and_sites():
    check_noop(
        AdminUrls,
        """\
        GROUPS = reverse("admin:auth_group_changelist")
        POSTS = reverse("admin:blog_post_change", args=[1])
        API = "/api/auth/user/"
        API_ROOTED = f"{API_ROOT}auth/user/"
        PROFILE = "/admin/auth/user_profile/"
        PLURAL = "/admin/auth/users/"
        """,
        path="blog/views.py",
    )


def test_noop_migrations():
    check_noop(
        AdminUrls,
        """\
        URL = "admin:auth_user_change"
        """,
        path="blog/migrations/0005_x.py",
    )


def test_noop_already_renamed():
    check_noop(
        AdminUrls,
        """\
        URL = reverse("admin:accounts_user_change", args=[1])
        """,
        path="blog/views.py",
    )


# -- in templates ------------------------------------------------------------------------------------

TEMPLATE = "blog/templates/blog/x.html"


def test_template_admin_urls_keep_password_change():
    check_transformed(
        AdminUrlTemplates,
        """\
        <a href="{% url 'admin:auth_user_changelist' %}">Users</a>
        <a href="{% url "admin:auth_user_add" %}">Add</a>
        <a href="{{ url('admin:auth_user_history', args=[user.pk]) }}">History</a>
        <a href="{% url 'admin:auth_user_password_change' user.pk %}">Password</a>
        """,
        """\
        <a href="{% url 'admin:accounts_user_changelist' %}">Users</a>
        <a href="{% url "admin:accounts_user_add" %}">Add</a>
        <a href="{{ url('admin:accounts_user_history', args=[user.pk]) }}">History</a>
        <a href="{% url 'admin:auth_user_password_change' user.pk %}">Password</a>
        """,
        path=TEMPLATE,
    )


def test_template_admin_paths_in_attributes_and_scripts():
    check_transformed(
        AdminUrlTemplates,
        """\
        <a href="/admin/auth/user/">Users</a>
        {% url 'admin:auth_user_change' user.pk %} <a href="/admin/auth/user/{{ user.pk }}/change/">Edit</a>
        <a href='{{ request.scheme }}://{{ request.get_host }}/admin/auth/user/?q={{ q|urlencode }}'>Find</a>
        <a href="{% url 'admin:index' %}auth/user/{{ u.pk }}/history/">History</a>
        <script>fetch("/admin/auth/user/" + id + "/delete/");</script>
        """,
        """\
        <a href="/admin/users/user/">Users</a>
        {% url 'admin:users_user_change' user.pk %} <a href="/admin/users/user/{{ user.pk }}/change/">Edit</a>
        <a href='{{ request.scheme }}://{{ request.get_host }}/admin/users/user/?q={{ q|urlencode }}'>Find</a>
        <a href="{% url 'admin:index' %}users/user/{{ u.pk }}/history/">History</a>
        <script>fetch("/admin/users/user/" + id + "/delete/");</script>
        """,
        path=TEMPLATE,
        options=options(label="users"),
    )


def test_template_note_admin_path_in_prose():
    result = check_noop(
        AdminUrlTemplates,
        """\
        <p>Staff edit accounts at /admin/auth/user/ (ask an admin).</p>
        <p title="Open /admin/auth/user/ to edit">x</p> <a href="/backoffice/myadmin/auth/user/">y</a>
        """,
        path=TEMPLATE,
        options=options(label="users"),
    )
    message = (
        "note: admin path admin/auth/user/ in a template, left as it is (not a quoted path, or it does not start at "
        "the admin's root); after the swap the user admin is at /admin/users/user/; use "
        "{% url 'admin:users_user_changelist' %} (or admin:users_user_change with the user's id) [admin_urls]"
    )
    assert notes_of(result) == [
        "blog/templates/blog/x.html:1:28: " + message,
        "blog/templates/blog/x.html:2:17: " + message,
        "blog/templates/blog/x.html:2:72: " + message,
    ]


def test_template_note_template_names_the_admin_finds_by_the_models_path():
    result = check_noop(
        AdminUrlTemplates,
        """\
        {% extends "admin/auth/user/change_form.html" %}
        {% block content %}{% include "admin/auth/user/stats.html" %}{% endblock %}
        """,
        path="blog/templates/admin/blog/staff/change_form.html",
    )
    assert [n.split(": note: ")[0] for n in notes_of(result)] == [
        "blog/templates/admin/blog/staff/change_form.html:1:13"
    ]

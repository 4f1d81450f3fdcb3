from __future__ import annotations

from codemods.swap_user.transforms.admin_urls import AdminUrls

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


def test_note_admin_path():
    result = check_noop(
        AdminUrls,
        """\
        class AdminTests(TestCase):
            def test_list(self):
                response = self.client.get("/admin/auth/user/")
                self.assertEqual(response.status_code, 200)
        """,
        path="blog/tests/test_admin.py",
        options=options(label="users"),
    )
    assert notes_of(result) == [
        "blog/tests/test_admin.py:3:36: note: admin path /admin/auth/user/ in a string; after the swap the user "
        'admin is at /admin/users/user/; use reverse("admin:users_user_changelist") (or admin:users_user_change '
        "with the user's id) [admin_urls]"
    ]


def test_note_admin_path_in_fstring():
    result = check_noop(
        AdminUrls,
        """\
        url = f"/admin/auth/user/{user.pk}/change/"
        """,
        path="blog/tests/test_admin.py",
    )
    assert [n.split(": note: ")[0] for n in notes_of(result)] == ["blog/tests/test_admin.py:1:7"]


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

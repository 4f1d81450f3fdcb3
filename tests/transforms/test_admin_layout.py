from __future__ import annotations

from codemods.swap_user.transforms.admin_layout import AdminLayout

from .tools import check_noop, notes_of, options

SETTINGS = "proj/settings.py"


def where(result) -> list[str]:
    return [n.split(": note: ")[0] for n in notes_of(result)]


def test_note_reorder_and_menu_entries_of_the_auth_app():
    result = check_noop(
        AdminLayout,
        """\
        ADMIN_REORDER = (
            "sites",
            {"app": "auth", "models": ("auth.User", "auth.Group")},
        )
        SUIT_CONFIG = {
            "MENU": (
                {"app": "auth", "label": "Authorization", "icon": "icon-lock"},
                {"app": "auth", "models": ("user", "group")},
            )
        }
        """,
        path=SETTINGS,
        settings=True,
        options=options(label="users"),
    )
    assert notes_of(result)[0] == (
        'proj/settings.py:3:13: note: admin layout: {"app": "auth", "models": ...} shows Users in the auth app; '
        "after the swap the user model is users.User and the admin lists Users in the 'users' app's section, not "
        "auth's; move or reorder them there by hand [admin_layout]"
    )
    assert where(result) == ["proj/settings.py:3:13", "proj/settings.py:8:17"]


def test_note_orderings_keyed_by_the_auth_app():
    result = check_noop(
        AdminLayout,
        """\
        JAZZMIN_SETTINGS = {
            "order_with_respect_to": ["auth", "blog", "auth.user", "auth.Group"],
            "icons": {"auth": "fas fa-users-cog", "auth.user": "fas fa-user"},
        }
        APP_ORDER = {"auth": ["User", "Group"], "blog": ["Post"]}
        MODEL_ORDER = [("auth", ["Users", "Groups"])]
        """,
        path=SETTINGS,
        settings=True,
    )
    assert where(result) == [
        "proj/settings.py:2:31",
        "proj/settings.py:5:14",
        "proj/settings.py:6:17",
    ]


def test_note_auth_section_with_users():
    result = check_noop(
        AdminLayout,
        """\
        class AdminIndexTests(TestCase):
            def test_sections(self):
                app_list = self.client.get("/admin/").context["app_list"]
                auth = next(a for a in app_list if a["name"] == "Authentication and Authorization")
                self.assertEqual([m["name"] for m in auth["models"]], ["Groups", "Users"])

            def test_heading(self):
                self.assertContains(self.client.get("/admin/"), "Authentication and Authorization")
        """,
        path="blog/tests/test_admin.py",
    )
    assert where(result) == ["blog/tests/test_admin.py:4:57"]


def test_noop_other_apps_and_auth_without_users():
    result = check_noop(
        AdminLayout,
        """\
        ADMIN_REORDER = ({"app": "auth", "models": ("auth.Group",)}, {"app": "blog", "models": ("blog.User",)})
        INSTALLED_APPS = ["django.contrib.auth", "blog", "users"]
        BACKENDS = {"auth": "django.contrib.auth.backends.ModelBackend"}
        LOGIN_SECTIONS = ["auth", "login"]
        """,
        path=SETTINGS,
        settings=True,
    )
    assert where(result) == []


def test_noop_content_type_and_permission_natural_keys():
    result = check_noop(
        AdminLayout,
        """\
        AUTH_USER_CONTENT_TYPE = ("auth", "user")
        PERMISSION = ("change_user", "auth", "user")
        user_type = ContentType.objects.get_by_natural_key(*["auth", "user"])
        """,
    )
    assert where(result) == []

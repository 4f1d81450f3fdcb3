from django.contrib.auth.models import Group, User
from django.test import TestCase
from django.urls import reverse

from newsroom.apps.articles.models import Article, Section


class StaffFixtureTests(TestCase):
    fixtures = ["newsroom_staff.json", "sections.yaml"]

    def test_groups(self):
        self.assertEqual(
            set(Group.objects.get(name="Desk").user_set.values_list("username", flat=True)),
            {"edith", "nellie"},
        )
        self.assertEqual(
            list(User.objects.get(username="walter").groups.values_list("name", flat=True)),
            ["Contributors"],
        )

    def test_permissions(self):
        edith = User.objects.get(username="edith")
        nellie = User.objects.get(username="nellie")
        walter = User.objects.get(username="walter")
        self.assertTrue(edith.has_perm("auth.change_user"))
        self.assertTrue(edith.has_perm("auth.view_user"))
        self.assertTrue(nellie.has_perm("auth.view_user"))
        self.assertFalse(nellie.has_perm("auth.change_user"))
        self.assertTrue(nellie.has_perm("articles.publish_article"))
        self.assertFalse(walter.has_perm("auth.view_user"))

    def test_profiles_and_articles(self):
        self.assertEqual(User.objects.get(username="edith").profile.byline, "E. Wharton")
        self.assertEqual(Section.objects.get(slug="politics").editors.get().username, "edith")
        published = Article.objects.get(pk=1)
        self.assertEqual(
            (published.author.username, published.editor.username), ("nellie", "edith")
        )

    def test_fixture_editor_uses_the_user_admin(self):
        self.assertTrue(self.client.login(username="edith", password="newsroom-demo-pass"))
        self.assertEqual(self.client.get(reverse("admin:auth_user_changelist")).status_code, 200)
        self.assertEqual(
            self.client.get(reverse("admin:auth_user_change", args=[302])).status_code, 200
        )
        self.assertEqual(
            self.client.get(reverse("admin:auth_user_password_change", args=[302])).status_code, 200
        )

    def test_desk_links(self):
        self.client.force_login(User.objects.get(username="edith"))
        response = self.client.get(reverse("articles:desk"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, reverse("admin:auth_user_changelist"))
        self.assertContains(response, reverse("admin:auth_user_password_change", args=[302]))
        self.assertEqual(
            [c.username for c in response.context["contributors"]], ["nellie", "walter"]
        )

    def test_view_permission_alone_does_not_open_the_desk(self):
        self.client.force_login(User.objects.get(username="nellie"))
        self.assertEqual(self.client.get(reverse("articles:desk")).status_code, 403)

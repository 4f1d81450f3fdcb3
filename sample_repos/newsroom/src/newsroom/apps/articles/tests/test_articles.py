import importlib
from io import StringIO
from types import SimpleNamespace

from django.apps import apps
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.urls import reverse

from newsroom.apps.articles import permissions, selectors
from newsroom.apps.articles.models import Article, Section
from newsroom.apps.articles.templatetags.newsroom_tags import display_name
from newsroom.apps.profiles.models import Follow, NotificationSettings, Profile

PASSWORD = "Quiet-typewriter-1923"


def user_with_user_perms(username, *codenames, **extra):
    user = User.objects.create_user(username, f"{username}@example.com", PASSWORD, **extra)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(User), codename__in=codenames
        )
    )
    return User.objects.get(pk=user.pk)


class ArticleTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.author = User.objects.create_user(
            "author", "a@example.com", PASSWORD, first_name="Ann", last_name="Author"
        )
        cls.section_editor = User.objects.create_user("sected", "s@example.com", PASSWORD)
        cls.section = Section.objects.create(name="City", slug="city")
        cls.section.editors.add(cls.section_editor)
        cls.article = Article.objects.create(
            section=cls.section,
            headline="Bridge closed",
            slug="bridge-closed",
            body="...",
            author=cls.author,
        )


class PublishingTests(ArticleTestCase):
    def test_section_editor_publishes(self):
        self.client.force_login(self.section_editor)
        response = self.client.post(reverse("articles:publish", args=["bridge-closed"]))
        self.assertRedirects(response, self.article.get_absolute_url())
        self.article.refresh_from_db()
        self.assertEqual(
            (self.article.status, self.article.editor), ("published", self.section_editor)
        )
        self.assertContains(self.client.get(reverse("articles:home")), "Bridge closed")

    def test_others_cannot_publish(self):
        self.client.force_login(self.author)
        self.assertEqual(
            self.client.post(reverse("articles:publish", args=["bridge-closed"])).status_code, 403
        )

    def test_drafts_are_hidden(self):
        self.assertEqual(self.client.get(self.article.get_absolute_url()).status_code, 404)
        self.client.force_login(self.author)
        self.assertEqual(self.client.get(self.article.get_absolute_url()).status_code, 200)

    def test_deactivated_editor_leaves_the_section(self):
        self.section_editor.is_active = False
        self.section_editor.save()
        self.assertFalse(self.section.editors.exists())
        self.assertFalse(permissions.can_publish(self.section_editor, self.article))

    def test_active_authors(self):
        self.assertEqual(list(selectors.active_authors()), [])
        self.article.publish(editor=self.section_editor)
        authors = list(selectors.active_authors())
        self.assertEqual(authors, [self.author])
        self.assertEqual(authors[0].published_count, 1)

    def test_byline_migration(self):
        migration = importlib.import_module(
            "newsroom.apps.articles.migrations.0003_backfill_bylines"
        )
        migration.fill_bylines(apps, SimpleNamespace(connection=connection))
        self.article.refresh_from_db()
        self.assertEqual(self.article.byline, "Ann Author")


class DisplayNameFilterTests(ArticleTestCase):
    def test_accounts_use_their_profile(self):
        Profile.objects.filter(user=self.author).update(display_name="A. Author")
        self.assertEqual(display_name(User.objects.get(pk=self.author.pk)), "A. Author")

    def test_other_values(self):
        self.assertEqual(display_name("Reuters"), "Reuters")
        self.assertEqual(display_name(self.section), "City")


class DeskTests(ArticleTestCase):
    def test_anonymous_goes_to_login(self):
        self.assertEqual(self.client.get(reverse("articles:desk")).status_code, 302)

    def test_needs_both_permissions(self):
        self.client.force_login(user_with_user_perms("viewer", "view_user"))
        self.assertEqual(self.client.get(reverse("articles:desk")).status_code, 403)
        chief = user_with_user_perms("chief", "view_user", "change_user", is_staff=True)
        self.assertTrue(permissions.can_manage_contributors(chief))
        self.client.force_login(chief)
        response = self.client.get(reverse("articles:desk"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["staff_count"], 1)
        self.assertContains(response, 'href="%s"' % reverse("articles:desk"))
        self.assertContains(response, reverse("admin:auth_user_changelist"))


class ContributorEditTests(ArticleTestCase):
    def setUp(self):
        Profile.objects.filter(user=self.author).update(role=Profile.Role.CONTRIBUTOR)
        self.url = reverse("articles:contributor_edit", args=["author"])

    def test_needs_change_permission(self):
        self.client.force_login(user_with_user_perms("viewer", "view_user"))
        self.assertEqual(self.client.get(self.url).status_code, 403)

    def test_edit_a_contributor(self):
        self.client.force_login(user_with_user_perms("chief", "change_user"))
        page = self.client.get(self.url)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("is_superuser", page.context["form"].fields)
        response = self.client.post(
            self.url,
            {
                "username": "Ann.Author",
                "first_name": "Ann",
                "last_name": "Author",
                "email": "ann@example.com",
                "is_active": "on",
                "is_superuser": "on",
                "date_joined": "2024-01-01 10:00:00",
            },
        )
        self.assertRedirects(response, reverse("articles:desk"), fetch_redirect_response=False)
        self.author.refresh_from_db()
        self.assertEqual(
            (self.author.username, self.author.email), ("ann.author", "ann@example.com")
        )
        self.assertFalse(self.author.is_superuser)

    def test_only_contributors(self):
        self.client.force_login(user_with_user_perms("chief", "change_user"))
        url = reverse("articles:contributor_edit", args=["sected"])
        self.assertEqual(self.client.get(url).status_code, 404)


class SeedDemoTests(TestCase):
    def test_seed_demo_is_idempotent(self):
        call_command("seed_demo", stdout=StringIO())
        models = (User, Profile, NotificationSettings, Follow, Section, Article)
        counts = {model: model.objects.count() for model in models}
        call_command("seed_demo", stdout=StringIO())
        for model in models:
            with self.subTest(model=model.__name__):
                self.assertGreater(counts[model], 0)
                self.assertEqual(model.objects.count(), counts[model])
        self.assertTrue(Section.objects.filter(editors__username="ida").exists())
        self.assertTrue(Article.objects.filter(editor__username="ida", status="published").exists())

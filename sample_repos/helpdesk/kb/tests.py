import importlib
from types import SimpleNamespace

from django.apps import apps
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import TestCase
from django.urls import reverse

from kb.models import Article, Category

PASSWORD = "Sturdy-passphrase-77"


class EditorsGroupMigrationTests(TestCase):
    migration = importlib.import_module("kb.migrations.0003_kb_editors_group")

    def test_group_exists_after_migrate(self):
        self.assertTrue(Group.objects.filter(name="KB editors").exists())

    def test_staff_are_added(self):
        agent = User.objects.create_user("agent", "a@example.com", PASSWORD, is_staff=True)
        User.objects.create_user("customer", "c@example.com", PASSWORD)
        Group.objects.filter(name="KB editors").delete()

        self.migration.create_editors_group(apps, SimpleNamespace(connection=connection))

        editors = Group.objects.get(name="KB editors")
        self.assertEqual(list(editors.user_set.all()), [agent])


class ArticleViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.author = User.objects.create_user(
            "author", "author@example.com", PASSWORD, is_staff=True
        )
        cls.editor = User.objects.create_user("editor", "editor@example.com", PASSWORD)
        cls.editor.groups.add(Group.objects.get(name="KB editors"))
        category = Category.objects.create(name="Accounts", slug="accounts")
        cls.article = Article.objects.create(
            category=category, title="Reset a password", slug="reset", body="...", author=cls.author
        )

    def test_drafts_are_hidden_from_readers(self):
        self.assertNotContains(self.client.get(reverse("kb:article_list")), "Reset a password")
        self.assertEqual(self.client.get(self.article.get_absolute_url()).status_code, 403)

    def test_editor_edits_and_becomes_last_editor(self):
        self.client.force_login(self.editor)
        response = self.client.post(
            reverse("kb:edit_article", args=["reset"]),
            {
                "category": self.article.category_id,
                "title": "Reset your password",
                "body": "Click.",
                "is_published": "on",
            },
        )
        self.assertRedirects(response, self.article.get_absolute_url())
        self.article.refresh_from_db()
        self.assertEqual(self.article.last_editor, self.editor)
        self.assertEqual(self.article.author, self.author)
        self.assertContains(self.client.get(reverse("kb:article_list")), "Reset your password")

    def test_non_editors_cannot_edit(self):
        self.client.force_login(User.objects.create_user("reader", "r@example.com", PASSWORD))
        self.assertEqual(
            self.client.get(reverse("kb:edit_article", args=["reset"])).status_code, 403
        )

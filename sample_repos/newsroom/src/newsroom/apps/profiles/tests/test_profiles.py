import importlib
from types import SimpleNamespace

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import connection
from django.test import TestCase
from django.urls import reverse

from newsroom.apps.profiles import follows
from newsroom.apps.profiles.forms import AccountForm, SignupForm
from newsroom.apps.profiles.models import Follow, NotificationSettings, Profile

PASSWORD = "Quiet-typewriter-1923"


class ProfileSignalTests(TestCase):
    def test_profile_is_created_with_the_full_name(self):
        user = User.objects.create_user(
            "ida", "ida@example.com", PASSWORD, first_name="Ida", last_name="Tarbell"
        )
        profile = Profile.objects.get(user=user)
        self.assertEqual(profile.display_name, "Ida Tarbell")
        self.assertEqual(profile.role, Profile.Role.READER)

    def test_logins_are_counted(self):
        user = User.objects.create_user("ida", "ida@example.com", PASSWORD)
        response = self.client.post(reverse("login"), {"username": "ida", "password": PASSWORD})
        self.assertRedirects(response, reverse("articles:home"))
        self.client.force_login(user)
        self.assertEqual(Profile.objects.get(user=user).login_count, 2)

    def test_backfill_migration(self):
        migration = importlib.import_module(
            "newsroom.apps.profiles.migrations.0002_backfill_profiles"
        )
        user = User.objects.create_user(
            "old", "old@example.com", PASSWORD, first_name="Old", last_name="Timer"
        )
        Profile.objects.filter(user=user).delete()
        migration.backfill(apps, SimpleNamespace(connection=connection))
        self.assertEqual(Profile.objects.get(user=user).display_name, "Old Timer")


class NotificationSettingsTests(TestCase):
    def test_created_on_first_access(self):
        user = User.objects.create_user("ida", "ida@example.com", PASSWORD)
        self.assertFalse(NotificationSettings.objects.exists())
        self.assertTrue(user.notification_settings.breaking_news)
        self.assertEqual(NotificationSettings.objects.get().user, user)


class SignupTests(TestCase):
    def test_form_validates_and_saves(self):
        form = SignupForm(
            data={
                "username": "reader",
                "email": "Reader@Example.com",
                "password1": PASSWORD,
                "password2": PASSWORD,
            }
        )
        self.assertTrue(form.is_valid(), form.errors)
        user = form.save()
        self.assertIsInstance(user, get_user_model())
        self.assertEqual(User.objects.get(username="reader").email, "reader@example.com")

    def test_form_needs_email_and_a_free_username(self):
        User.objects.create_user("taken", "t@example.com", PASSWORD)
        form = SignupForm(
            data={"username": "taken", "email": "", "password1": PASSWORD, "password2": PASSWORD}
        )
        self.assertFalse(form.is_valid())
        self.assertEqual(set(form.errors), {"username", "email"})

    def test_signup_view(self):
        response = self.client.post(
            reverse("signup"),
            {
                "username": "reader",
                "email": "r@example.com",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        self.assertRedirects(response, reverse("login"))
        self.assertTrue(Profile.objects.filter(user__username="reader").exists())


class AccountViewTests(TestCase):
    def test_update_account(self):
        self.assertIs(AccountForm._meta.model, User)
        user = User.objects.create_user("ida", "ida@example.com", PASSWORD)
        self.client.force_login(user)
        response = self.client.post(
            reverse("profiles:account"),
            {
                "first_name": "Ida",
                "last_name": "Tarbell",
                "email": "ida@example.com",
                "display_name": "I. M. Tarbell",
                "bio": "",
            },
        )
        self.assertRedirects(response, reverse("profiles:account"))
        user.refresh_from_db()
        self.assertEqual(user.last_name, "Tarbell")
        self.assertEqual(user.profile.byline, "I. M. Tarbell")


class FollowTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.reader = User.objects.create_user("reader", "r@example.com", PASSWORD)
        cls.author = User.objects.create_user("author", "a@example.com", PASSWORD)

    def test_follow_and_unfollow_an_author(self):
        follow = follows.follow(self.reader, self.author)
        self.assertEqual(follow.target, self.author)
        self.assertEqual(list(follows.followers_of(self.author)), [self.reader])
        self.assertEqual(list(follows.followed_authors(self.reader)), [self.author])
        follows.unfollow_author(self.reader, self.author)
        self.assertFalse(Follow.objects.exists())

    def test_author_page_and_toggle(self):
        self.client.force_login(self.reader)
        url = reverse("profiles:toggle_follow", args=["author"])
        self.assertRedirects(self.client.post(url), reverse("profiles:author", args=["author"]))
        page = self.client.get(reverse("profiles:author", args=["author"]))
        self.assertTrue(page.context["following"])
        self.assertEqual(page.context["followers"], 1)
        self.client.post(url)
        self.assertFalse(Follow.objects.exists())

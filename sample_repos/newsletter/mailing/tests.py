from django.contrib.auth import get_user_model
from django.test import TestCase

from .models import Preferences
from .services import dark_readers, dense_readers, digest_recipients, pause_mail, themes_in_use


class PreferencesTests(TestCase):
    def setUp(self):
        self.user = get_user_model().objects.create_user("ann", "ann@example.com", "pw")

    def test_new_accounts_get_the_defaults(self):
        prefs = Preferences.objects.get(user=self.user)
        self.assertEqual((prefs.frequency, prefs.theme, prefs.items_per_page), ("weekly", "system", 25))

    def test_home_uses_the_preferences(self):
        self.client.force_login(self.user)
        page = self.client.get("/")
        self.assertContains(page, "theme-system")
        self.assertContains(page, "every week")

    def test_saving_the_form(self):
        self.client.force_login(self.user)
        self.client.post("/preferences/", {"frequency": "daily", "theme": "dark", "language": "fr",
                                           "email_digest": "", "items_per_page": "10"})
        self.user.refresh_from_db()
        self.assertEqual(self.user.preferences.theme, "dark")
        self.assertEqual(list(dark_readers()), [self.user])
        self.assertEqual(digest_recipients(), [])

    def test_digest_recipients(self):
        self.assertEqual(digest_recipients(), ["ann@example.com"])

    def test_saving_an_account_saves_its_preferences(self):
        self.user.preferences.theme = "dark"
        self.user.save()
        self.assertEqual(Preferences.objects.get(user=self.user).theme, "dark")

    def test_pausing_mail(self):
        other = get_user_model().objects.create_user("bob", "bob@example.com", "pw")
        self.assertEqual(pause_mail([self.user]), 1)
        self.assertEqual(Preferences.objects.get(user=self.user).frequency, "never")
        self.assertEqual(Preferences.objects.get(user=other).frequency, "weekly")
        self.assertEqual(digest_recipients(), ["bob@example.com"])

    def test_dense_readers_and_themes(self):
        other = get_user_model().objects.create_user("bob", "bob@example.com", "pw")
        Preferences.objects.filter(user=other).update(items_per_page=10)
        self.user.preferences.theme = "dark"
        self.user.preferences.save()
        self.assertEqual(dense_readers(), ["bob"])
        self.assertEqual(themes_in_use(), {"dark": 1, "system": 1})

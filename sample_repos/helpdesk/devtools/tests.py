from django.contrib.auth.models import User
from django.test import TestCase
from django.urls import reverse

PASSWORD = "Sturdy-passphrase-77"


class SwitchUserTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root = User.objects.create_superuser("root", "root@example.com", PASSWORD)
        cls.customer = User.objects.create_user("customer", "c@example.com", PASSWORD)

    def test_superuser_lists_accounts(self):
        self.client.force_login(self.root)
        response = self.client.get(reverse("devtools:switch_user"))
        self.assertEqual(
            [account.username for account in response.context["accounts"]], ["root", "customer"]
        )

    def test_login_as(self):
        self.client.force_login(self.root)
        response = self.client.post(reverse("devtools:login_as", args=["customer"]))
        self.assertRedirects(response, reverse("tickets:my_tickets"))
        self.assertEqual(self.client.session["_auth_user_id"], str(self.customer.pk))

    def test_only_superusers(self):
        self.client.force_login(self.customer)
        response = self.client.post(reverse("devtools:login_as", args=["root"]))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.session["_auth_user_id"], str(self.customer.pk))

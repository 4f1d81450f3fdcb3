from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group, User
from django.test import TestCase
from django.urls import reverse

from tickets.admin import StaffUserAdmin
from tickets.forms import AgentChangeForm
from tickets.models import Staff

from .helpers import PASSWORD, make_user, with_user_permissions


class UserAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.customer = make_user("customer", email="c@example.com")
        cls.clerk = with_user_permissions(
            make_user("clerk", is_staff=True), "view_user", "change_user"
        )
        cls.root = User.objects.create_superuser("root", "root@example.com", PASSWORD)

    def test_registration(self):
        model_admin = admin.site._registry[User]
        self.assertIsInstance(model_admin, StaffUserAdmin)
        self.assertIs(model_admin.form, AgentChangeForm)
        self.assertIsInstance(admin.site._registry[Group], GroupAdmin)

    def test_changelist_and_change_page_for_staff(self):
        self.client.force_login(self.clerk)
        response = self.client.get(reverse("admin:auth_user_changelist"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "customer")
        response = self.client.get(reverse("admin:auth_user_change", args=[self.customer.pk]))
        self.assertEqual(response.status_code, 200)

    def test_password_change_url_keeps_working(self):
        self.client.force_login(self.clerk)
        url = reverse("admin:auth_user_password_change", args=[self.customer.pk])
        self.assertEqual(self.client.get(url).status_code, 200)

    def test_superuser_edits_through_the_agent_form(self):
        self.client.force_login(self.root)
        url = reverse("admin:auth_user_change", args=[self.customer.pk])
        data = {
            "username": "customer",
            "first_name": "Cus",
            "last_name": "Tomer",
            "email": "ROOT@example.com",  # taken by root, rejected by AgentChangeForm
            "is_active": "on",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2024-01-01",
            "date_joined_1": "10:00:00",
        }
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("email", response.context["adminform"].form.errors)
        data["email"] = "cus@example.com"
        response = self.client.post(url, data)
        self.assertRedirects(response, reverse("admin:auth_user_changelist"))
        self.customer.refresh_from_db()
        self.assertEqual(self.customer.email, "cus@example.com")

    def test_group_admin_untouched(self):
        self.client.force_login(self.root)
        self.assertEqual(self.client.get(reverse("admin:auth_group_changelist")).status_code, 200)


class StaffModelTests(TestCase):
    def test_staff_is_a_user_with_extra_columns(self):
        sam = Staff.objects.create_user("sam", "sam@example.com", PASSWORD, team=Staff.Team.BILLING)
        user = User.objects.get(username="sam")
        self.assertEqual(user.pk, sam.pk)
        self.assertEqual(user.staff.team, "billing")
        self.assertIsInstance(sam, User)
        self.assertTrue(sam.check_password(PASSWORD))
        self.assertEqual(Staff.objects.filter(team="billing").count(), 1)

    def test_deleting_the_user_deletes_the_staff_row(self):
        Staff.objects.create_user("sam", "sam@example.com", PASSWORD)
        User.objects.filter(username="sam").delete()
        self.assertFalse(Staff.objects.exists())

    def test_staff_admin(self):
        sam = Staff.objects.create_user("sam", "sam@example.com", PASSWORD, team=Staff.Team.BILLING)
        root = User.objects.create_superuser("root", "root@example.com", PASSWORD)
        self.client.force_login(root)
        self.assertContains(self.client.get(reverse("admin:tickets_staff_changelist")), "sam")
        response = self.client.get(reverse("admin:tickets_staff_change", args=[sam.pk]))
        self.assertEqual(response.status_code, 200)

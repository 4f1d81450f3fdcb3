from django.contrib.auth.models import User
from django.test import TestCase
from django.urls import reverse

from tickets.forms import AgentChangeForm
from tickets.models import AuditEntry

from .helpers import make_user, with_user_permissions


class AgentDirectoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.agent = make_user("agent", is_staff=True, first_name="Ann")
        cls.viewer = with_user_permissions(make_user("viewer"), "view_user")
        cls.supervisor = with_user_permissions(
            make_user("supervisor", is_staff=True), "view_user", "change_user"
        )

    def test_anonymous_goes_to_login(self):
        response = self.client.get(reverse("tickets:agent_list"))
        self.assertEqual(response.status_code, 302)

    def test_view_permission_alone_is_not_enough(self):
        self.client.force_login(self.viewer)
        self.assertEqual(self.client.get(reverse("tickets:agent_list")).status_code, 403)

    def test_supervisor_sees_agents_and_admin_links(self):
        self.client.force_login(self.supervisor)
        response = self.client.get(reverse("tickets:agent_list"))
        self.assertEqual(response.status_code, 200)
        change_url = reverse("admin:auth_user_change", args=[self.agent.pk])
        password_url = reverse("admin:auth_user_password_change", args=[self.agent.pk])
        self.assertEqual(
            response.context["admin_links"][self.agent.pk],
            {"change": change_url, "password": password_url},
        )
        self.assertContains(response, change_url)
        self.assertContains(response, password_url)
        self.assertContains(
            response, reverse("tickets:agent_list")
        )  # nav link, perms.auth.change_user

    def test_agent_report_needs_view_permission(self):
        self.client.force_login(self.agent)
        self.assertEqual(self.client.get(reverse("tickets:agent_report")).status_code, 403)
        self.client.force_login(self.viewer)
        response = self.client.get(reverse("tickets:agent_report"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, reverse("tickets:agent_report")
        )  # nav link, perms.auth.view_user
        self.assertNotContains(response, 'href="%s"' % reverse("tickets:agent_list"))


class EditAgentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.agent = make_user("agent", is_staff=True)
        cls.other = make_user("other", is_staff=True)
        cls.supervisor = with_user_permissions(
            make_user("supervisor", is_staff=True), "change_user"
        )

    def test_needs_change_permission(self):
        self.assertFalse(self.agent.has_perm("auth.change_user"))
        self.assertTrue(self.supervisor.has_perm("auth.change_user"))
        self.client.force_login(self.agent)
        self.assertEqual(
            self.client.get(reverse("tickets:edit_agent", args=[self.other.pk])).status_code, 403
        )

    def test_edit_page(self):
        self.client.force_login(self.supervisor)
        response = self.client.get(reverse("tickets:edit_agent", args=[self.agent.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["password_url"],
            reverse("admin:auth_user_password_change", args=[self.agent.pk]),
        )

    def test_edit_and_audit(self):
        self.client.force_login(self.supervisor)
        response = self.client.post(
            reverse("tickets:edit_agent", args=[self.agent.pk]),
            {
                "username": "agent",
                "first_name": "Agatha",
                "last_name": "",
                "email": "AGATHA@example.com",
                "is_active": "on",
                "is_staff": "on",
            },
        )
        self.assertRedirects(response, reverse("tickets:agent_list"), fetch_redirect_response=False)
        self.agent.refresh_from_db()
        self.assertEqual(
            (self.agent.first_name, self.agent.email), ("Agatha", "agatha@example.com")
        )
        self.assertEqual(AuditEntry.about_user(self.agent).get().action, "updated")

    def test_form_rejects_a_taken_email(self):
        form = AgentChangeForm(
            data={
                "username": "agent",
                "email": "OTHER@example.com",
                "is_active": True,
                "is_staff": True,
            },
            instance=self.agent,
        )
        self.assertFalse(form.is_valid())
        self.assertIn("email", form.errors)

    def test_deactivate(self):
        self.client.force_login(self.supervisor)
        self.client.post(reverse("tickets:deactivate_agent", args=[self.other.pk]))
        self.assertFalse(User.objects.get(pk=self.other.pk).is_active)

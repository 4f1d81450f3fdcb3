from django.contrib.auth.models import Group, User
from django.test import TestCase
from django.urls import reverse

from tickets.models import LoginRecord, Staff, Ticket


class AgentsFixtureTests(TestCase):
    fixtures = ["agents.yaml"]

    def test_groups_by_natural_key(self):
        nina = User.objects.get(username="nina")
        self.assertEqual(set(nina.groups.values_list("name", flat=True)), {"Agents", "Supervisors"})
        self.assertEqual(
            set(Group.objects.get(name="Agents").user_set.values_list("username", flat=True)),
            {"nina", "otis"},
        )

    def test_permissions_by_natural_key(self):
        nina = User.objects.get(username="nina")
        otis = User.objects.get(username="otis")
        self.assertTrue(nina.has_perm("auth.change_user"))
        self.assertTrue(nina.has_perm("auth.view_user"))
        self.assertTrue(otis.has_perm("tickets.change_ticket"))
        self.assertFalse(otis.has_perm("auth.view_user"))

    def test_staff_row(self):
        otis = Staff.objects.get(pk=202)
        self.assertEqual((otis.username, otis.team, otis.extension), ("otis", "l2", "4202"))

    def test_ticket(self):
        ticket = Ticket.objects.get(pk=1)
        self.assertEqual(ticket.requester.username, "carla")
        self.assertEqual(ticket.assignee.username, "otis")
        self.assertEqual(set(ticket.watchers.values_list("username", flat=True)), {"carla", "otis"})

    def test_fixture_agent_logs_in_and_uses_the_admin(self):
        self.assertTrue(self.client.login(username="nina", password="helpdesk-demo-pass"))
        self.assertEqual(LoginRecord.objects.filter(user__username="nina").count(), 1)
        self.assertEqual(self.client.get(reverse("admin:auth_user_changelist")).status_code, 200)
        self.assertEqual(self.client.get(reverse("tickets:agent_list")).status_code, 200)

    def test_fixture_agent_without_user_permissions(self):
        self.client.force_login(User.objects.get(username="otis"))
        self.assertEqual(self.client.get(reverse("admin:auth_user_changelist")).status_code, 403)
        self.assertEqual(self.client.get(reverse("tickets:agent_list")).status_code, 403)

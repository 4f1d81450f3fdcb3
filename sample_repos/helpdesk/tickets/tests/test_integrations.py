import dataclasses

from django.test import SimpleTestCase, TestCase

from integrations.slack import User, assignment_message, directory_by_email
from tickets import services
from tickets.models import Queue
from tickets.notifications import notify_assignment

from .helpers import make_user


class SlackUserTests(SimpleTestCase):
    def test_slack_user_is_a_plain_dataclass(self):
        self.assertTrue(dataclasses.is_dataclass(User))
        self.assertFalse(hasattr(User, "_meta"))
        self.assertEqual(User.__module__, "integrations.slack")

    def test_from_api(self):
        user = User.from_api({"id": "U1", "name": "nina", "profile": {"email": "Nina@Example.com"}})
        self.assertEqual(user, User(id="U1", name="nina", email="nina@example.com"))
        self.assertEqual(user.mention, "<@U1>")
        self.assertEqual(
            assignment_message(user, 7, "Refund")["text"], "<@U1> you now own ticket #7: Refund"
        )


class NotifyAssignmentTests(TestCase):
    def test_message_for_an_agent_on_slack(self):
        agent = make_user("agent", is_staff=True, email="agent@example.com")
        ticket = services.open_ticket(
            make_user("customer"), Queue.objects.create(name="Q", slug="q"), "Refund"
        )
        services.assign(ticket, agent)
        directory = directory_by_email([User(id="U9", name="agent", email="agent@example.com")])
        message = notify_assignment(ticket, directory)
        self.assertEqual(message["channel"], "U9")

        agent.agent_settings.notify_on_assign = False
        agent.agent_settings.save()
        ticket.refresh_from_db()
        self.assertIsNone(notify_assignment(ticket, directory))

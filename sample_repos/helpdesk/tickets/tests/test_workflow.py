from datetime import timedelta

from django.contrib.auth.models import User
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from tickets import reports, services
from tickets.models import AgentSettings, AuditEntry, LoginRecord, Queue, Ticket

from .helpers import PASSWORD, make_user


class SignalTests(TestCase):
    def test_staff_accounts_get_agent_settings(self):
        agent = make_user("agent", is_staff=True)
        self.assertTrue(AgentSettings.objects.filter(user=agent).exists())

    def test_customers_do_not(self):
        customer = make_user("customer")
        self.assertFalse(AgentSettings.objects.filter(user=customer).exists())

    def test_promotion_to_staff_creates_them(self):
        customer = make_user("customer")
        customer.is_staff = True
        customer.save()
        self.assertEqual(AgentSettings.objects.filter(user=customer).count(), 1)

    def test_logging_in_is_recorded(self):
        make_user("customer")
        response = self.client.post(
            reverse("login"), {"username": "customer", "password": PASSWORD}
        )
        self.assertRedirects(response, reverse("tickets:my_tickets"))
        record = LoginRecord.objects.get()
        self.assertEqual(record.user.username, "customer")
        self.assertEqual(record.ip_address, "127.0.0.1")


class ServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.queue = Queue.objects.create(name="Billing", slug="billing")
        cls.customer = make_user("customer")
        cls.agent = make_user("agent", is_staff=True)
        cls.supervisor = make_user("boss", is_staff=True)

    def test_open_assign_comment_close(self):
        ticket = services.open_ticket(self.customer, self.queue, "Broken invoice")
        self.assertEqual(list(ticket.watchers.all()), [self.customer])
        services.assign(ticket, self.agent, actor=self.supervisor)
        self.assertEqual(ticket.assignee, self.agent)
        self.assertIn(self.agent, self.queue.agents.all())
        services.add_comment(ticket, self.agent, "On it")
        ticket.refresh_from_db()
        self.assertEqual(ticket.status, Ticket.Status.PENDING)
        services.close(ticket, self.agent)
        self.assertEqual(
            list(AuditEntry.objects.filter(object_id=ticket.pk).values_list("action", flat=True)),
            ["closed", "assigned", "opened"],
        )

    def test_customers_cannot_be_assigned(self):
        ticket = services.open_ticket(self.customer, self.queue, "Help")
        with self.assertRaises(ValueError):
            services.assign(ticket, self.customer)

    def test_available_agents(self):
        self.assertEqual(list(services.available_agents()), [self.agent, self.supervisor])
        self.queue.agents.add(self.agent)
        self.assertEqual(list(services.available_agents(self.queue)), [self.agent])

    def test_deactivating_an_agent_releases_tickets_and_is_audited(self):
        ticket = services.open_ticket(self.customer, self.queue, "Help")
        services.assign(ticket, self.agent)
        self.assertEqual(services.deactivate_account(self.agent, actor=self.supervisor), 1)
        ticket.refresh_from_db()
        self.assertIsNone(ticket.assignee)
        entry = AuditEntry.about_user(self.agent).get()
        self.assertEqual(
            (entry.action, entry.actor, entry.target), ("deactivated", self.supervisor, self.agent)
        )


class ReportTests(TestCase):
    def test_agent_workload(self):
        queue = Queue.objects.create(name="Q", slug="q")
        busy = make_user("busy", is_staff=True)
        idle = make_user("idle", is_staff=True)
        customer = make_user("customer")
        for subject in ("a", "b"):
            services.assign(services.open_ticket(customer, queue, subject), busy)
        workload = [(agent.username, agent.open_tickets) for agent in reports.agent_workload()]
        self.assertEqual(workload, [("busy", 2), ("idle", 0)])
        self.assertIsNotNone(idle)

    def test_purge_idle_requesters(self):
        long_ago = timezone.now() - timedelta(days=1000)
        queue = Queue.objects.create(name="Q", slug="q")
        make_user("ghost", date_joined=long_ago)
        make_user("ghost2", date_joined=long_ago, last_login=long_ago)
        make_user("newbie")
        make_user("returning", date_joined=long_ago, last_login=timezone.now())
        make_user("old-agent", date_joined=long_ago, is_staff=True)
        services.open_ticket(make_user("client", date_joined=long_ago), queue, "Still a customer")

        self.assertEqual(reports.purge_idle_requesters(), 2)
        self.assertFalse(User.objects.filter(username__startswith="ghost").exists())
        self.assertEqual(User.objects.count(), 4)


class CustomerViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.queue = Queue.objects.create(name="Billing", slug="billing")
        cls.customer = make_user("customer")
        cls.other = make_user("other")
        cls.agent = make_user("agent", is_staff=True)

    def test_signup(self):
        response = self.client.post(
            reverse("signup"),
            {"username": "newcomer", "password1": PASSWORD, "password2": PASSWORD},
        )
        self.assertRedirects(response, reverse("login"))
        self.assertTrue(User.objects.get(username="newcomer").check_password(PASSWORD))

    def test_signup_rejects_a_taken_username(self):
        response = self.client.post(
            reverse("signup"),
            {"username": "customer", "password1": PASSWORD, "password2": PASSWORD},
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].has_error("username"))

    def test_open_a_ticket(self):
        self.client.force_login(self.customer)
        response = self.client.post(
            reverse("tickets:new_ticket"),
            {"queue": self.queue.pk, "subject": "Refund", "description": "", "priority": 2},
        )
        ticket = Ticket.objects.get()
        self.assertRedirects(response, ticket.get_absolute_url())
        self.assertEqual(ticket.requester, self.customer)
        self.assertContains(self.client.get(reverse("tickets:my_tickets")), "Refund")

    def test_other_customers_cannot_see_a_ticket(self):
        ticket = services.open_ticket(self.customer, self.queue, "Private")
        self.client.force_login(self.other)
        self.assertEqual(self.client.get(ticket.get_absolute_url()).status_code, 404)

    def test_agent_assigns_from_the_ticket_page(self):
        ticket = services.open_ticket(self.customer, self.queue, "Refund")
        self.client.force_login(self.agent)
        page = self.client.get(ticket.get_absolute_url())
        self.assertIn(self.agent, page.context["assign_form"].fields["assignee"].queryset)
        self.client.post(
            reverse("tickets:assign_ticket", args=[ticket.pk]), {"assignee": self.agent.pk}
        )
        ticket.refresh_from_db()
        self.assertEqual(ticket.assignee, self.agent)

    def test_customers_cannot_assign(self):
        ticket = services.open_ticket(self.customer, self.queue, "Refund")
        self.client.force_login(self.customer)
        response = self.client.post(
            reverse("tickets:assign_ticket", args=[ticket.pk]), {"assignee": self.agent.pk}
        )
        self.assertEqual(response.status_code, 403)

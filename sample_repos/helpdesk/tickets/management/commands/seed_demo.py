import datetime

from django.core.management.base import BaseCommand
from django.db import transaction

from kb.models import Article, Category
from tickets import services
from tickets.models import AgentSettings, LoginRecord, Queue, Staff, Ticket, User

DEMO_PASSWORD = "helpdesk-demo-pass"


class Command(BaseCommand):
    help = "Create demo agents, customers, tickets and articles. Running it again changes nothing."

    def account(self, username, **extra):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username, f"{username}@helpdesk.example", DEMO_PASSWORD, **extra
            )
        return user

    @transaction.atomic
    def handle(self, *args, **options):
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser("admin", "admin@helpdesk.example", DEMO_PASSWORD)
        admin = User.objects.get(username="admin")
        alice = self.account("alice", first_name="Alice", last_name="Agent", is_staff=True)
        bob = self.account("bob", first_name="Bob", last_name="Customer")
        dana = self.account("dana", first_name="Dana", last_name="Customer")

        sam = Staff.objects.filter(username="sam").first()
        if sam is None:
            sam = Staff.objects.create_user(
                "sam",
                "sam@helpdesk.example",
                DEMO_PASSWORD,
                first_name="Sam",
                last_name="Second-Line",
                is_staff=True,
                team=Staff.Team.SECOND_LINE,
                extension="2002",
                hired_on=datetime.date(2020, 2, 1),
            )
        # post_save is sent with sender=Staff for Staff rows, so no settings were made for sam.
        AgentSettings.objects.get_or_create(user=sam, defaults={"signature": "Sam, 2nd line"})

        billing, _ = Queue.objects.get_or_create(slug="billing", defaults={"name": "Billing"})
        outage, _ = Queue.objects.get_or_create(slug="outages", defaults={"name": "Outages"})
        billing.agents.add(alice)
        outage.agents.add(sam)

        ticket = Ticket.objects.filter(subject="Invoice shows the wrong address").first()
        if ticket is None:
            ticket = services.open_ticket(bob, billing, "Invoice shows the wrong address")
            services.assign(ticket, alice, actor=admin)
            services.add_comment(ticket, alice, "Fixed; a corrected invoice is on its way.")
        if not Ticket.objects.filter(subject="Site down for me").exists():
            down = services.open_ticket(
                dana, outage, "Site down for me", priority=Ticket.Priority.HIGH
            )
            services.assign(down, sam, actor=alice)
            services.add_comment(down, sam, "Looking at the load balancer.", internal=True)

        for user in (alice, bob):
            if not LoginRecord.objects.filter(user=user).exists():
                LoginRecord.objects.create(user=user, ip_address="192.0.2.10")

        howto, _ = Category.objects.get_or_create(slug="billing", defaults={"name": "Billing"})
        Article.objects.get_or_create(
            slug="change-billing-address",
            defaults={
                "category": howto,
                "title": "Changing your billing address",
                "body": "Open Settings, then Billing, then Address.",
                "author": alice,
                "last_editor": sam,
                "is_published": True,
            },
        )

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {User.objects.count()} users, {Ticket.objects.count()} tickets."
            )
        )

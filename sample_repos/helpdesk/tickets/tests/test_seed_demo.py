from io import StringIO

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import TestCase

from kb.models import Article
from tickets.models import AgentSettings, AuditEntry, Comment, LoginRecord, Queue, Staff, Ticket


class SeedDemoTests(TestCase):
    def test_seed_demo_twice(self):
        call_command("seed_demo", stdout=StringIO())
        models = (
            User,
            Staff,
            AgentSettings,
            Queue,
            Ticket,
            Comment,
            LoginRecord,
            AuditEntry,
            Article,
        )
        counts = {model: model.objects.count() for model in models}
        call_command("seed_demo", stdout=StringIO())
        for model in models:
            with self.subTest(model=model.__name__):
                self.assertGreater(counts[model], 0)
                self.assertEqual(model.objects.count(), counts[model])
        self.assertTrue(Ticket.objects.filter(watchers__username="bob").exists())
        self.assertTrue(Queue.objects.filter(agents__username="sam").exists())
        self.assertEqual(
            Staff.objects.get(username="sam").agent_settings.signature, "Sam, 2nd line"
        )

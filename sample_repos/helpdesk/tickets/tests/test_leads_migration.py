import importlib

from django.contrib.auth.models import Group, User
from django.test import TestCase

migration = importlib.import_module("tickets.migrations.0003_support_leads_group")


class SupportLeadsMigrationTests(TestCase):
    def test_migrate_created_the_group(self):
        self.assertTrue(Group.objects.filter(name=migration.GROUP_NAME).exists())

    def test_superusers_join_the_group(self):
        boss = User.objects.create_superuser("boss", "boss@example.com", "pw")
        User.objects.create_user("clerk", "clerk@example.com", "pw")
        migration.add_leads(None, None)
        leads = Group.objects.get(name=migration.GROUP_NAME)
        self.assertEqual(list(leads.user_set.all()), [boss])

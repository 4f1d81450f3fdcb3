"""Readers with varied preferences, and a few accounts from before preferences existed (none)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from mailing.models import Issue, Preferences

PASSWORD = "newsletter-demo-pass"


class Command(BaseCommand):
    help = "Create demo readers (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--readers", type=int, default=40)

    def handle(self, *args, readers, **options):
        User = get_user_model()
        frequencies = [c for c, _ in Preferences.Frequency.choices]
        themes = [c for c, _ in Preferences.Theme.choices]
        for n in range(readers):
            user, created = User.objects.get_or_create(username="reader%d" % n, defaults={"email": "r%d@example.com" % n})
            if created:
                user.set_password(PASSWORD)
                user.save()
            if n % 5 == 4:
                Preferences.objects.filter(user=user).delete()  # an account older than the preferences
                continue
            Preferences.objects.filter(user=user).update(
                frequency=frequencies[n % 4], theme=themes[n % 3], language=["en", "fr", "de"][n % 3],
                email_digest=n % 2 == 0, email_mentions=n % 3 != 0, email_marketing=n % 7 == 0,
                show_avatars=n % 4 != 1, compact_lists=n % 6 == 0, items_per_page=10 + n % 30,
            )
        Issue.objects.get_or_create(title="Welcome", defaults={"body": "Hello"})
        self.stdout.write("%d users, %d with preferences" % (User.objects.count(), Preferences.objects.count()))

"""An old forum: many members, few of them with a forum profile."""

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand

from forum.models import ForumProfile, Post, Topic

PASSWORD = "oldforum-demo-pass"


class Command(BaseCommand):
    help = "Create demo members and posts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=40)

    def handle(self, *args, members, **options):
        topic, _ = Topic.objects.get_or_create(title="Introduce yourself")
        for n in range(members):
            user, created = User.objects.get_or_create(username="old%d" % n)
            if created:
                user.set_password(PASSWORD)
                user.save()
                Post.objects.create(topic=topic, author=user, body="Hello from %d" % n)
            if n % 3 == 0:
                ForumProfile.objects.update_or_create(user=user, defaults={
                    "signature": "-- old%d" % n, "title": ["Newbie", "Regular", ""][n % 3],
                    "website": "https://example.com/%d" % n if n % 2 else "", "show_signature": n % 4 != 0,
                    "posts_count": n})
        self.stdout.write("%d users, %d forum profiles" % (User.objects.count(), ForumProfile.objects.count()))

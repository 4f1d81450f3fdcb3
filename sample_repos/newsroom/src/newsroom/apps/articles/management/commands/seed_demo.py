from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction

from newsroom.apps.articles import wire
from newsroom.apps.articles.models import Article, Section
from newsroom.apps.profiles import follows
from newsroom.apps.profiles.models import Profile

PASSWORD = "newsroom-demo-pass"

PEOPLE = [
    # username, first, last, role, staff
    ("ida", "Ida", "Tarbell", Profile.Role.EDITOR, True),
    ("lincoln", "Lincoln", "Steffens", Profile.Role.REPORTER, True),
    ("dorothy", "Dorothy", "Thompson", Profile.Role.CONTRIBUTOR, False),
    ("reader", "Regular", "Reader", Profile.Role.READER, False),
]


class Command(BaseCommand):
    help = "Fill the site with a few people, sections and stories (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        people = {}
        for username, first, last, role, staff in PEOPLE:
            person = User.objects.filter(username=username).first()
            if person is None:
                person = User.objects.create_user(
                    username,
                    f"{username}@newsroom.example",
                    PASSWORD,
                    first_name=first,
                    last_name=last,
                    is_staff=staff,
                )
            Profile.objects.filter(user=person).update(role=role)
            people[username] = person

        politics, _ = Section.objects.get_or_create(slug="politics", defaults={"name": "Politics"})
        world, _ = Section.objects.get_or_create(slug="world", defaults={"name": "World"})
        politics.editors.add(people["ida"])

        story, created = Article.objects.get_or_create(
            slug="the-history-of-standard-oil",
            defaults={
                "section": politics,
                "headline": "The history of Standard Oil",
                "body": "Part one of nineteen.",
                "author": people["lincoln"],
                "byline": "Lincoln Steffens",
                "status": Article.Status.REVIEW,
            },
        )
        if created:
            story.publish(editor=people["ida"])
        Article.objects.get_or_create(
            slug="letter-from-berlin",
            defaults={
                "section": world,
                "headline": "Letter from Berlin",
                "body": "Draft.",
                "author": people["dorothy"],
            },
        )
        wire.import_story(
            wire.parse(
                {"headline": "Markets close higher", "byline": {"handle": "jsmith", "agency": "AP"}}
            ),
            world,
        )

        follows.follow(people["reader"], people["lincoln"])
        follows.follow(people["reader"], politics)
        notifications = people["reader"].notification_settings  # created on first access
        notifications.daily_digest = True
        notifications.save()

        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {User.objects.count()} accounts and {Article.objects.count()} articles."
            )
        )

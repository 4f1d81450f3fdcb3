"""Members in guilds, with mentors and skills; some accounts without a profile."""

import datetime

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand

from guilds.models import Guild, Profile, Skill

PASSWORD = "guildhall-demo-pass"


class Command(BaseCommand):
    help = "Create demo members (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=30)

    def handle(self, *args, members, **options):
        guilds = [Guild.objects.get_or_create(name=n)[0] for n in ("Smiths", "Weavers", "Scribes")]
        skills = [Skill.objects.get_or_create(name=n)[0] for n in ("forging", "dyeing", "lettering", "trade")]
        people = []
        for n in range(members):
            user, created = User.objects.get_or_create(username="member%d" % n)
            if created:
                user.set_password(PASSWORD)
                user.save()
            people.append(user)
        for n, user in enumerate(people):
            if n % 6 == 5:
                Profile.objects.filter(user=user).delete()
                continue
            profile, _ = Profile.objects.get_or_create(user=user)
            profile.guild = guilds[n % 3] if n % 4 else None
            profile.mentor = people[n - 1] if n % 3 == 1 else None
            profile.bio = "Member %d" % n if n % 2 else ""
            profile.joined_on = datetime.date(2020, 1, 1) + datetime.timedelta(days=n * 17) if n % 5 else None
            profile.level = 1 + n % 9
            profile.save()
            profile.skills.set(skills[: n % 5])
        self.stdout.write("%d users, %d profiles" % (User.objects.count(), Profile.objects.count()))

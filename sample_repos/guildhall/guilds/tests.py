from django.contrib.auth.models import User
from django.test import TestCase

from .models import Guild, Profile, Skill


class MemberTests(TestCase):
    def setUp(self):
        self.guild = Guild.objects.create(name="Smiths")
        self.mentor = User.objects.create_user("old", password="pw")
        self.user = User.objects.create_user("ann", password="pw")
        profile = Profile.objects.get(user=self.user)
        profile.guild, profile.mentor, profile.level = self.guild, self.mentor, 6
        profile.save()
        profile.skills.add(Skill.objects.create(name="forging"))

    def test_me(self):
        self.client.force_login(self.user)
        page = self.client.get("/me/")
        self.assertContains(page, "ann of Smiths")
        self.assertContains(page, "Mentor: old")
        self.assertContains(page, "<li>forging</li>")
        self.assertContains(page, "Level 6.")

    def test_guild(self):
        page = self.client.get("/guilds/%d/" % self.guild.pk)
        self.assertContains(page, "1 members, 1 veterans")

    def test_skill_names(self):
        self.assertEqual(self.user.profile.skill_names(), "forging")

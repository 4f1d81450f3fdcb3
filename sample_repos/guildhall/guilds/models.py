from django.contrib.auth.models import User
from django.db import models


class Guild(models.Model):
    name = models.CharField(max_length=80, unique=True)

    def __str__(self):
        return self.name


class Skill(models.Model):
    name = models.CharField(max_length=40, unique=True)

    def __str__(self):
        return self.name


class Profile(models.Model):
    """A member's guild, mentor and skills."""

    user = models.OneToOneField(User, on_delete=models.CASCADE)
    guild = models.ForeignKey(Guild, on_delete=models.SET_NULL, null=True, blank=True, related_name="members")
    mentor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="mentees")
    skills = models.ManyToManyField(Skill, blank=True)
    bio = models.TextField(blank=True)
    joined_on = models.DateField(null=True, blank=True)
    level = models.PositiveIntegerField(default=1)

    def __str__(self):
        return "Profile of %s" % self.user.username

    def skill_names(self):
        return ", ".join(s.name for s in self.skills.order_by("name"))

from django.conf import settings
from django.db import models


class Issue(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField()
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.title


class Preferences(models.Model):
    """How each reader wants the newsletter: one row per user, made when the account is."""

    class Frequency(models.TextChoices):
        DAILY = "daily", "Every day"
        WEEKLY = "weekly", "Every week"
        MONTHLY = "monthly", "Every month"
        NEVER = "never", "Never"

    class Theme(models.TextChoices):
        SYSTEM = "system", "As the system"
        LIGHT = "light", "Light"
        DARK = "dark", "Dark"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences")
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    theme = models.CharField(max_length=10, choices=Theme.choices, default=Theme.SYSTEM)
    language = models.CharField(max_length=8, default="en")
    email_digest = models.BooleanField(default=True)
    email_mentions = models.BooleanField(default=True)
    email_marketing = models.BooleanField(default=False)
    show_avatars = models.BooleanField(default=True)
    compact_lists = models.BooleanField(default=False)
    items_per_page = models.PositiveSmallIntegerField(default=25)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return "Preferences of %s" % self.user

    def wants_mail(self):
        return self.frequency != self.Frequency.NEVER

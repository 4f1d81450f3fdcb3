from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from newsroom.utils.fields import AutoOneToOneField


class Profile(models.Model):
    class Role(models.TextChoices):
        READER = "reader", "Reader"
        CONTRIBUTOR = "contributor", "Contributor"
        REPORTER = "reporter", "Reporter"
        EDITOR = "editor", "Editor"

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.READER)
    display_name = models.CharField(max_length=120, blank=True)
    bio = models.TextField(blank=True)
    login_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["user__username"]

    def __str__(self):
        return self.byline

    @property
    def byline(self):
        return self.display_name or self.user.get_full_name() or self.user.username

    def get_absolute_url(self):
        return reverse("profiles:author", args=[self.user.username])


class NotificationSettings(models.Model):
    user = AutoOneToOneField(
        "auth.User", on_delete=models.CASCADE, related_name="notification_settings"
    )
    breaking_news = models.BooleanField(default=True)
    daily_digest = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "notification settings"

    def __str__(self):
        return f"Notifications for {self.user}"


class Follow(models.Model):
    """A reader following an author (a user) or a section."""

    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["follower", "content_type", "object_id"], name="unique_follow"
            ),
        ]

    def __str__(self):
        return f"{self.follower} follows {self.content_type.model} #{self.object_id}"

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse


class Queue(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(unique=True)
    agents = models.ManyToManyField(User, blank=True, related_name="queues")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Ticket(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        PENDING = "pending", "Waiting on customer"
        CLOSED = "closed", "Closed"

    class Priority(models.IntegerChoices):
        LOW = 1, "Low"
        NORMAL = 2, "Normal"
        HIGH = 3, "High"

    queue = models.ForeignKey(Queue, on_delete=models.PROTECT, related_name="tickets")
    subject = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    requester = models.ForeignKey(User, on_delete=models.CASCADE, related_name="requested_tickets")
    assignee = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tickets",
    )
    watchers = models.ManyToManyField("auth.User", blank=True, related_name="watched_tickets")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.NORMAL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-priority", "created_at", "pk"]

    def __str__(self):
        return f"#{self.pk} {self.subject}"

    def get_absolute_url(self):
        return reverse("tickets:ticket_detail", args=[self.pk])

    def can_be_seen_by(self, user):
        return user.is_staff or user.pk == self.requester_id


class Comment(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ticket_comments"
    )
    body = models.TextField()
    is_internal = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Comment by {self.author} on {self.ticket}"


class AgentSettings(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="agent_settings")
    notify_on_assign = models.BooleanField(default=True)
    signature = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "agent settings"

    def __str__(self):
        return f"Settings of {self.user}"


class LoginRecord(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_records")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    logged_in_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-logged_in_at", "-pk"]


class AuditEntry(models.Model):
    """Who did what to which object (a ticket, a user account, ...)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=50)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.actor} {self.action} {self.content_type.model} #{self.object_id}"

    @classmethod
    def about_user(cls, user):
        user_type = ContentType.objects.get_by_natural_key("auth", "user")
        return cls.objects.filter(content_type=user_type, object_id=user.pk)


class Staff(User):
    """An employee account: a user row plus the HR details the support team needs."""

    class Team(models.TextChoices):
        FIRST_LINE = "l1", "First line"
        SECOND_LINE = "l2", "Second line"
        BILLING = "billing", "Billing"

    team = models.CharField(max_length=10, choices=Team.choices, default=Team.FIRST_LINE)
    extension = models.CharField(max_length=6, blank=True)
    hired_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "staff member"
        verbose_name_plural = "staff"
        ordering = ["username"]

    def __str__(self):
        return f"{self.get_full_name() or self.username} ({self.get_team_display()})"

from django.contrib.auth.models import User
from django.db import models
from django.urls import reverse


class Club(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="owned_clubs")
    members = models.ManyToManyField(User, through="Membership", related_name="clubs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("club_detail", args=[self.slug])

    def hosts(self):
        return self.members.filter(memberships__club=self, memberships__role=Membership.Role.HOST)

    def is_host(self, user):
        return (
            user.pk == self.owner_id
            or self.memberships.filter(user_id=user.pk, role=Membership.Role.HOST).exists()
        )


class Membership(models.Model):
    class Role(models.TextChoices):
        READER = "reader", "Reader"
        HOST = "host", "Host"

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.READER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["club", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["club", "user"], name="unique_club_membership"),
        ]

    def __str__(self):
        return f"{self.user} in {self.club} ({self.role})"


class ReaderProfile(models.Model):
    class Genre(models.TextChoices):
        FICTION = "fiction", "Fiction"
        MYSTERY = "mystery", "Mystery"
        SCIFI = "scifi", "Science fiction"
        HISTORY = "history", "History"
        POETRY = "poetry", "Poetry"

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="reader_profile")
    bio = models.TextField(blank=True)
    favourite_genre = models.CharField(max_length=20, choices=Genre.choices, blank=True)
    city = models.CharField(max_length=100, blank=True)

    def __str__(self):
        return f"Profile of {self.user.username}"

    def get_admin_url(self):
        return reverse("admin:auth_user_change", args=[self.user_id])


class Member(User):
    """A user account seen from the club side: same row, club-oriented helpers."""

    class Meta:
        proxy = True
        ordering = ["username"]

    def display_name(self):
        return self.get_full_name() or self.username

    def hosted_clubs(self):
        return Club.objects.filter(
            memberships__user=self, memberships__role=Membership.Role.HOST
        ).distinct()

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class Section(models.Model):
    name = models.CharField(max_length=60)
    slug = models.SlugField(unique=True)
    editors = models.ManyToManyField("auth.user", blank=True, related_name="edited_sections")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", args=[self.slug])


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    headline = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    standfirst = models.CharField(max_length=300, blank=True)
    byline = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="articles"
    )
    editor = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="edited_articles",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-created_at", "-pk"]
        permissions = [("publish_article", "Can publish articles")]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    def publish(self, editor):
        self.status = self.Status.PUBLISHED
        self.editor = editor
        self.published_at = timezone.now()
        self.save(update_fields=["status", "editor", "published_at"])

import django.contrib.auth.models
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from utils.fields import AutoOneToOneField


class Book(models.Model):
    title = models.CharField(max_length=200)
    author_name = models.CharField(max_length=200)
    isbn = models.CharField(max_length=13, unique=True)
    pages = models.PositiveIntegerField(default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="books_added",
    )

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return f"{self.title} ({self.author_name})"

    def get_absolute_url(self):
        return reverse("reviews:book_detail", args=[self.pk])


class Review(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey("auth.user", on_delete=models.CASCADE, related_name="reviews")
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["book", "author"], name="one_review_per_reader"),
        ]

    def __str__(self):
        return f"{self.author} on {self.book}: {self.rating}/5"


class ReadingStats(models.Model):
    reader = AutoOneToOneField(
        django.contrib.auth.models.User,
        on_delete=models.CASCADE,
        related_name="reading_stats",
    )
    books_finished = models.PositiveIntegerField(default=0)
    pages_read = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "reading stats"

    def __str__(self):
        return f"{self.reader}: {self.books_finished} books"

    def record_finished(self, book):
        self.books_finished += 1
        self.pages_read += book.pages
        self.save(update_fields=["books_finished", "pages_read"])


class Flag(models.Model):
    """A moderation flag raised against a review or a reader."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    reason = models.CharField(max_length=200)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags_raised"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"Flag on {self.content_type.model} #{self.object_id}: {self.reason}"

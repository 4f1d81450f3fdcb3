"""Moderation and housekeeping for reviews and readers."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from clubs.models import User

from .models import Flag, Review


def describe(obj) -> str:
    """A one-line label for whatever a flag points at."""
    if isinstance(obj, User):
        return f"reader {obj.username}"
    if isinstance(obj, Review):
        return f"review of {obj.book.title} by {obj.author.username}"
    return str(obj)


def flag(target, raised_by: User, reason: str) -> Flag:
    flag, _ = Flag.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        raised_by=raised_by,
        defaults={"reason": reason},
    )
    return flag


def flags_against_reader(user: User):
    return Flag.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=user.pk
    )


def finish_book(reader: User, book) -> None:
    reader.reading_stats.record_finished(book)


def purge_dormant_readers(days: int | None = None) -> int:
    """Delete readers who have not been seen for a long time; return how many went."""
    days = settings.DORMANT_READER_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=days)
    dormant = User.objects.filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff),
        is_staff=False,
        is_superuser=False,
        owned_clubs__isnull=True,
    )
    _, per_model = dormant.delete()
    return per_model.get("auth.User", 0)

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from .models import Preferences


def digest_recipients():
    """E-mail addresses of everyone who asked for the digest."""
    return sorted(
        Preferences.objects.filter(email_digest=True, user__is_active=True)
        .exclude(frequency="never")
        .values_list("user__email", flat=True)
    )


def dark_readers():
    return get_user_model().objects.filter(preferences__theme="dark").order_by("username")


def pause_mail(users):
    """Stops every mail to these users; returns how many were paused."""
    return Preferences.objects.filter(user__in=users).update(frequency="never", email_digest=False)


def dense_readers():
    """Usernames of the readers who asked for small pages, one way or another."""
    wants_dense = Q(compact_lists=True) | Q(items_per_page__lt=20)
    return list(
        Preferences.objects.filter(wants_dense).order_by("user__username").values_list("user__username", flat=True)
    )


def themes_in_use():
    """{theme: number of readers}, for the admin's dashboard."""
    return {row["theme"]: row["readers"] for row in Preferences.objects.values("theme").annotate(readers=Count("id"))}

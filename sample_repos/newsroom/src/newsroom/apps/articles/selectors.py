"""Read-side queries shared by the views and the desk."""

import django.contrib.auth.models
from django.db.models import Count, Q

from newsroom.apps.profiles.models import Profile

from .models import Article


def published():
    return Article.objects.filter(status=Article.Status.PUBLISHED).select_related(
        "section", "author"
    )


def active_authors():
    return (
        django.contrib.auth.models.User.objects.filter(is_active=True)
        .annotate(
            published_count=Count("articles", filter=Q(articles__status=Article.Status.PUBLISHED))
        )
        .filter(published_count__gt=0)
        .order_by("-published_count", "username")
    )


def desk_contributors():
    roles = [Profile.Role.CONTRIBUTOR, Profile.Role.REPORTER]
    return (
        django.contrib.auth.models.User.objects.filter(profile__role__in=roles)
        .select_related("profile")
        .order_by("username")
    )

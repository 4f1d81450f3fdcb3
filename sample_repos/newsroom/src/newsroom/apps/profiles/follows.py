"""Following authors and sections."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from .models import Follow


def _user_type():
    return ContentType.objects.get_by_natural_key("auth", "user")


def follow(follower, target) -> Follow:
    follow, _ = Follow.objects.get_or_create(
        follower=follower,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
    )
    return follow


def unfollow_author(follower, author) -> None:
    Follow.objects.filter(
        follower=follower, content_type=_user_type(), object_id=author.pk
    ).delete()


def followed_authors(user):
    ids = Follow.objects.filter(follower=user, content_type=_user_type()).values("object_id")
    return get_user_model().objects.filter(pk__in=ids).order_by("username")


def followers_of(author):
    return (
        get_user_model()
        .objects.filter(follows__content_type=_user_type(), follows__object_id=author.pk)
        .order_by("username")
    )

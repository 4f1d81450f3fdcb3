from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType

PASSWORD = "Sturdy-passphrase-77"


def make_user(username, **extra):
    extra.setdefault("email", f"{username}@example.com")
    return User.objects.create_user(username, password=PASSWORD, **extra)


def with_user_permissions(user, *codenames):
    """Grant permissions on the user model itself; return a fresh instance (no perm cache)."""
    user_type = ContentType.objects.get_for_model(User)
    user.user_permissions.add(
        *Permission.objects.filter(content_type=user_type, codename__in=codenames)
    )
    return User.objects.get(pk=user.pk)

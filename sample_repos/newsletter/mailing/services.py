from django.contrib.auth import get_user_model

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

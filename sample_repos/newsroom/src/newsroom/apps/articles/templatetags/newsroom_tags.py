from django import template
from django.contrib.auth.models import User

register = template.Library()


@register.filter
def display_name(value):
    """The public name of an account; anything else is shown as it is."""
    if isinstance(value, User):
        profile = getattr(value, "profile", None)
        if profile is not None:
            return profile.byline
        return value.get_full_name() or value.username
    return str(value)

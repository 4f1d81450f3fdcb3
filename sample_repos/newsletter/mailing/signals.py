from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Preferences


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_preferences(sender, instance, created, raw=False, **kwargs):
    """Every new account starts with the default preferences."""
    if created and not raw:
        Preferences.objects.get_or_create(user=instance)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def save_preferences(sender, instance, raw=False, **kwargs):
    """Saving an account saves its preferences too, as Django's documentation shows for a profile."""
    if not raw and hasattr(instance, "preferences"):
        instance.preferences.save()

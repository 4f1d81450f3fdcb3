from django.contrib.auth.models import User
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import ReaderProfile


@receiver(post_save, sender=User)
def create_reader_profile(sender, instance, created, raw=False, **kwargs):
    """Every new account gets an (empty) reader profile."""
    if created and not raw:
        ReaderProfile.objects.get_or_create(user=instance)

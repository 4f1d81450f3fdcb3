from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in
from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Profile


@receiver(post_save, sender=User)
def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        Profile.objects.create(user=instance, display_name=instance.get_full_name())


@receiver(user_logged_in, sender=User)
def count_login(sender, request, user, **kwargs):
    Profile.objects.filter(user=user).update(login_count=F("login_count") + 1)

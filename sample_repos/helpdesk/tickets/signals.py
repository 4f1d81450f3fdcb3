from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .models import AgentSettings, LoginRecord


def create_agent_settings(sender, instance, created, raw=False, **kwargs):
    """Staff accounts get agent settings; connected in TicketsConfig.ready()."""
    if raw or not instance.is_staff:
        return
    AgentSettings.objects.get_or_create(user=instance)


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    ip_address = request.META.get("REMOTE_ADDR") if request is not None else None
    LoginRecord.objects.create(user=user, ip_address=ip_address)

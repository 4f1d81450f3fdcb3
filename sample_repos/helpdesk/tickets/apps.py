from django.apps import AppConfig


class TicketsConfig(AppConfig):
    name = "tickets"

    def ready(self):
        from django.contrib.auth.models import User
        from django.db.models.signals import post_save

        from . import signals

        post_save.connect(
            signals.create_agent_settings,
            sender=User,
            dispatch_uid="tickets.create_agent_settings",
        )

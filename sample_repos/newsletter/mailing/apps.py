from django.apps import AppConfig


class MailingConfig(AppConfig):
    name = "mailing"

    def ready(self):
        from . import signals  # noqa: F401

from django.apps import AppConfig


class GuildsConfig(AppConfig):
    name = "guilds"

    def ready(self):
        from . import signals  # noqa: F401

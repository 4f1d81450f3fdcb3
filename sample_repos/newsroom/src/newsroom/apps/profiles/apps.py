from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "newsroom.apps.profiles"
    label = "newsroom_profiles"
    verbose_name = "People"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401

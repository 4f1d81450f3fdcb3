from django.apps import AppConfig


class ClubsConfig(AppConfig):
    name = "clubs"
    verbose_name = "Book clubs"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)

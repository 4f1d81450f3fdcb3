from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "newsroom.apps.articles"
    label = "articles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth import models as auth_models
        from django.db.models.signals import post_save

        from .handlers import drop_inactive_editors

        post_save.connect(
            drop_inactive_editors,
            sender=auth_models.User,
            dispatch_uid="articles.drop_inactive_editors",
        )

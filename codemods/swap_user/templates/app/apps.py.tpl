"""The app of the project's user model, ${user_model_label}; it stays."""

from django.apps import AppConfig


class ${app_class}(AppConfig):
    name = "${app_module}"
    label = "${label}"
    verbose_name = "Users"
    # auth_user.id is an integer column: a BigAutoField here would make fresh
    # installs differ from upgraded databases.
    default_auto_field = "django.db.models.AutoField"

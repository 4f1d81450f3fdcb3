"""The project's user model (AUTH_USER_MODEL); add its fields here. It stays."""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The project's user model.

    It adopts the table of django.contrib.auth's User, `auth_user`, so no row
    moves. It is named `User` so that the many-to-many tables and their columns
    (`auth_user_groups.user_id`) keep matching.
    """

    class Meta(AbstractUser.Meta):
        db_table = "auth_user"

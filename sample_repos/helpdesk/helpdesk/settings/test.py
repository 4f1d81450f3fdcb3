"""Settings for CI: `python manage.py test --settings=helpdesk.settings.test`."""

from .base import *  # noqa: F401,F403

INSTALLED_APPS += ("devtools",)  # noqa: F405  (its views are tested too)

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

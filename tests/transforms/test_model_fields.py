from codemods.swap_user.transforms.model_fields import ModelFields

from .tools import check_noop, check_transformed


def test_foreign_key_to_the_class():
    check_transformed(
        ModelFields,
        """\
        from django.contrib.auth.models import User
        from django.db import models


        class Post(models.Model):
            author = models.ForeignKey(User, on_delete=models.CASCADE)
        """,
        """\
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db import models


        class Post(models.Model):
            author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
        """,
    )


def test_all_relation_kinds_and_to_keyword():
    check_transformed(
        ModelFields,
        """\
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db import models


        class Club(models.Model):
            owner = models.OneToOneField(to=User, on_delete=models.CASCADE)
            members = models.ManyToManyField(User, related_name="clubs")
            editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
        """,
        """\
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db import models


        class Club(models.Model):
            owner = models.OneToOneField(to=settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
            members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="clubs")
            editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
        """,
    )


def test_strings_in_any_case():
    check_transformed(
        ModelFields,
        """\
        from django.db import models


        class Review(models.Model):
            by = models.ForeignKey("auth.User", on_delete=models.CASCADE)
            seen = models.ManyToManyField('auth.user', blank=True)
        """,
        """\
        from django.conf import settings
        from django.db import models


        class Review(models.Model):
            by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
            seen = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True)
        """,
    )


def test_third_party_relation_fields_and_aliases():
    check_transformed(
        ModelFields,
        """\
        from annoying.fields import AutoOneToOneField
        from django.contrib.auth import models as auth_models
        from django.db import models
        from mptt.fields import TreeForeignKey


        class Profile(models.Model):
            user = AutoOneToOneField(auth_models.User, on_delete=models.CASCADE)
            mentor = TreeForeignKey(auth_models.User, null=True, on_delete=models.SET_NULL)
        """,
        """\
        from annoying.fields import AutoOneToOneField
        from django.conf import settings
        from django.db import models
        from mptt.fields import TreeForeignKey


        class Profile(models.Model):
            user = AutoOneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
            mentor = TreeForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
        """,
    )


def test_comments_and_layout_kept():
    check_transformed(
        ModelFields,
        """\
        from django.contrib.auth.models import User
        from django.db import models


        class Post(models.Model):
            author = models.ForeignKey(
                User,  # who wrote it
                on_delete=models.CASCADE,
            )
        """,
        """\
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db import models


        class Post(models.Model):
            author = models.ForeignKey(
                settings.AUTH_USER_MODEL,  # who wrote it
                on_delete=models.CASCADE,
            )
        """,
    )


def test_noop_local_user_class():
    check_noop(
        ModelFields,
        """\
        from django.db import models


        class User(models.Model):
            name = models.CharField(max_length=10)


        class Post(models.Model):
            author = models.ForeignKey(User, on_delete=models.CASCADE)
        """,
    )


def test_noop_setting_already_used():
    check_noop(
        ModelFields,
        """\
        from django.conf import settings
        from django.db import models


        class Post(models.Model):
            author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
        """,
    )


def test_noop_user_passed_to_something_that_is_not_a_relation():
    check_noop(
        ModelFields,
        """\
        from django.contrib.auth.models import User
        from django.db import models

        class Post(models.Model):
            author = models.ForeignKey("blog.Author", on_delete=models.CASCADE)
            kind = models.CharField(max_length=10, default=str(User))
        """,
    )


def test_module_import_goes_with_its_last_use():
    check_transformed(
        ModelFields,
        """\
        import django.contrib.auth.models
        from django.contrib import auth
        from django.db import models


        class Post(models.Model):
            author = models.ForeignKey(auth.models.User, on_delete=models.CASCADE)
            editor = models.ForeignKey(django.contrib.auth.models.User, on_delete=models.CASCADE)
        """,
        """\
        from django.conf import settings
        from django.db import models


        class Post(models.Model):
            author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
            editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
        """,
    )


def test_module_import_kept_while_something_else_uses_it():
    check_transformed(
        ModelFields,
        """\
        import django.contrib.auth.models as m
        from django.contrib import auth
        from django.db import models


        class Post(models.Model):
            author = models.ForeignKey(m.User, on_delete=models.CASCADE)
            editor = models.ForeignKey(auth.models.User, on_delete=models.CASCADE)
            group = models.ForeignKey(m.Group, on_delete=models.CASCADE)

            def logout(self, request):
                auth.logout(request)
        """,
        """\
        import django.contrib.auth.models as m
        from django.conf import settings
        from django.contrib import auth
        from django.db import models


        class Post(models.Model):
            author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
            editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
            group = models.ForeignKey(m.Group, on_delete=models.CASCADE)

            def logout(self, request):
                auth.logout(request)
        """,
    )

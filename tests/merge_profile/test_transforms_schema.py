"""user_fields and profile_layer: the profile's fields move to the user's class and leave properties behind."""

from __future__ import annotations

from codemods.merge_profile.options import MovedField
from codemods.merge_profile.transforms.profile_layer import ProfileLayer
from codemods.merge_profile.transforms.user_fields import UserFields
from tests.transforms.tools import check_noop, check_transformed

from .tools import OPTIONS, options

USER = '''\
    from django.contrib.auth.models import AbstractUser


    class User(AbstractUser):
        """The project's user model."""

        class Meta(AbstractUser.Meta):
            db_table = "auth_user"
    '''


def test_user_fields_go_after_the_docstring_before_meta():
    check_transformed(
        UserFields,
        USER,
        '''\
        from django.contrib.auth.models import AbstractUser
        from django.db import models


        class User(AbstractUser):
            """The project's user model."""

            # From profiles.Profile: merged into the user (codemods.merge_profile).
            bio = models.TextField(blank=True)
            team = models.ForeignKey("profiles.team", on_delete=models.SET_NULL, null=True)
            books = models.ManyToManyField("profiles.book", blank=True)

            class Meta(AbstractUser.Meta):
                db_table = "auth_user"
        ''',
        path="accounts/models.py",
        options=OPTIONS,
    )


def test_user_fields_go_after_the_last_field():
    check_transformed(
        UserFields,
        """\
        from django.contrib.auth.models import AbstractUser
        from django.db import models


        class User(AbstractUser):
            nickname = models.CharField(max_length=20)  # shown in the header

            def __str__(self):
                return self.nickname
        """,
        """\
        from django.contrib.auth.models import AbstractUser
        from django.db import models


        class User(AbstractUser):
            nickname = models.CharField(max_length=20)  # shown in the header

            # From profiles.Profile: merged into the user (codemods.merge_profile).
            bio = models.TextField(blank=True)

            def __str__(self):
                return self.nickname
        """,
        path="accounts/models.py",
        options=options(fields=OPTIONS.fields[:1]),
    )


def test_noop_user_fields_in_another_module():
    check_noop(UserFields, USER, path="blog/models.py", options=OPTIONS)


def test_noop_a_nested_class_named_like_the_user():
    check_noop(
        UserFields,
        """\
        from django.db import models


        class Holder:
            class User(models.Model):
                pass
        """,
        path="accounts/models.py",
        options=OPTIONS,
    )


PROFILE = """\
    from django.conf import settings
    from django.db import models


    class Team(models.Model):
        name = models.CharField(max_length=50)


    class Book(models.Model):
        title = models.CharField(max_length=50)


    class Profile(models.Model):
        user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
        # what people read on the profile page
        bio = models.TextField(blank=True)
        team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True)
        books = models.ManyToManyField(Book, blank=True)

        def __str__(self):
            return "Profile of %s" % self.user
    """


def test_profile_fields_become_properties():
    check_transformed(
        ProfileLayer,
        PROFILE,
        """\
        from django.conf import settings
        from django.db import models

        from profiles.merged_fields import FieldOnUser, SavesFieldsOnUser


        class Team(models.Model):
            name = models.CharField(max_length=50)


        class Book(models.Model):
            title = models.CharField(max_length=50)


        class Profile(SavesFieldsOnUser, models.Model):
            user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
            # what people read on the profile page
            # Moved to accounts.User (codemods.merge_profile): these read and write the user's fields, for one release.
            bio = FieldOnUser("bio")
            team = FieldOnUser("team")
            team_id = FieldOnUser("team_id")
            books = FieldOnUser("books")

            def __str__(self):
                return "Profile of %s" % self.user
        """,
        path="profiles/models.py",
        options=OPTIONS,
    )


def test_profile_imports_only_the_moved_fields_used_go():
    check_transformed(
        ProfileLayer,
        """\
        from django.conf import settings
        from django.db import models
        from teams.models import Team


        class Profile(models.Model):
            user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
            team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True)
        """,
        """\
        from django.conf import settings
        from django.db import models

        from profiles.merged_fields import FieldOnUser, SavesFieldsOnUser


        class Profile(SavesFieldsOnUser, models.Model):
            user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
            # Moved to accounts.User (codemods.merge_profile): these read and write the user's fields, for one release.
            team = FieldOnUser("team")
            team_id = FieldOnUser("team_id")
        """,
        path="profiles/models.py",
        options=options(fields=OPTIONS.fields[1:2]),
    )


def test_noop_profile_in_another_module():
    check_noop(ProfileLayer, PROFILE, path="blog/models.py", options=OPTIONS)


def test_user_fields_bring_the_functions_they_name_and_import_once():
    helper = (
        "def check_age(*args, **kwargs):\n"
        "    # imported when called: profiles.models imports the user model (merge_profile)\n"
        "    from profiles.models import check_age\n\n"
        "    return check_age(*args, **kwargs)\n"
    )
    lazy = (("django.utils.translation", "gettext_lazy", "_"),)
    fields = (
        MovedField(
            "age",
            "age",
            False,
            'models.IntegerField(_("age"), validators=[check_age])',
            (("django.db", "models", None),) + lazy,
            helpers=(helper,),
        ),
        MovedField(
            "bio",
            "bio",
            False,
            'models.TextField(_("bio"))',
            (("django.db", "models", None),) + lazy,
        ),
    )
    check_transformed(
        UserFields,
        USER,
        '''\
        from django.contrib.auth.models import AbstractUser
        from django.db import models
        from django.utils.translation import gettext_lazy as _


        def check_age(*args, **kwargs):
            # imported when called: profiles.models imports the user model (merge_profile)
            from profiles.models import check_age

            return check_age(*args, **kwargs)


        class User(AbstractUser):
            """The project's user model."""

            # From profiles.Profile: merged into the user (codemods.merge_profile).
            age = models.IntegerField(_("age"), validators=[check_age])
            bio = models.TextField(_("bio"))

            class Meta(AbstractUser.Meta):
                db_table = "auth_user"
        ''',
        path="accounts/models.py",
        options=options(fields=fields),
    )

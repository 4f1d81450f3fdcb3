from codemods.swap_user.transforms.signals import Signals

from .tools import check_noop, check_transformed, notes_of, options


def test_receiver_decorator():
    check_transformed(
        Signals,
        """\
        from django.contrib.auth.models import User
        from django.db.models.signals import post_save
        from django.dispatch import receiver


        @receiver(post_save, sender=User)
        def create_profile(sender, instance, created, **kwargs):
            pass
        """,
        """\
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db.models.signals import post_save
        from django.dispatch import receiver


        @receiver(post_save, sender=settings.AUTH_USER_MODEL)
        def create_profile(sender, instance, created, **kwargs):
            pass
        """,
        path="profiles/signals.py",
    )


def test_receiver_keeps_other_arguments_and_formatting():
    check_transformed(
        Signals,
        """\
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db.models.signals import pre_save
        from django.dispatch import receiver


        @receiver(
            pre_save,
            sender=User,  # the user
            dispatch_uid='lowercase_email',
        )
        def lowercase_email(sender, instance, **kwargs):
            pass
        """,
        """\
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db.models.signals import pre_save
        from django.dispatch import receiver


        @receiver(
            pre_save,
            sender=settings.AUTH_USER_MODEL,  # the user
            dispatch_uid='lowercase_email',
        )
        def lowercase_email(sender, instance, **kwargs):
            pass
        """,
    )


def test_receiver_list_of_model_signals():
    check_transformed(
        Signals,
        """\
        from django.contrib.auth.models import User
        from django.db.models.signals import post_delete, post_save
        from django.dispatch import receiver


        @receiver([post_save, post_delete], sender=User)
        def refresh(sender, **kwargs):
            pass


        @receiver((post_save, post_delete), sender=User)
        def refresh_again(sender, **kwargs):
            pass
        """,
        """\
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db.models.signals import post_delete, post_save
        from django.dispatch import receiver


        @receiver([post_save, post_delete], sender=settings.AUTH_USER_MODEL)
        def refresh(sender, **kwargs):
            pass


        @receiver((post_save, post_delete), sender=settings.AUTH_USER_MODEL)
        def refresh_again(sender, **kwargs):
            pass
        """,
    )


def test_every_model_signal():
    check_transformed(
        Signals,
        """\
        from django.contrib.auth.models import User
        from django.db.models.signals import post_delete, post_init, post_save, pre_delete, pre_init, pre_save

        pre_init.connect(a, sender=User)
        post_init.connect(a, sender=User)
        pre_save.connect(a, sender=User)
        post_save.connect(a, sender=User)
        pre_delete.connect(a, sender=User)
        post_delete.connect(a, sender=User)
        """,
        """\
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db.models.signals import post_delete, post_init, post_save, pre_delete, pre_init, pre_save

        pre_init.connect(a, sender=settings.AUTH_USER_MODEL)
        post_init.connect(a, sender=settings.AUTH_USER_MODEL)
        pre_save.connect(a, sender=settings.AUTH_USER_MODEL)
        post_save.connect(a, sender=settings.AUTH_USER_MODEL)
        pre_delete.connect(a, sender=settings.AUTH_USER_MODEL)
        post_delete.connect(a, sender=settings.AUTH_USER_MODEL)
        """,
    )


def test_connect_and_disconnect_keyword_and_positional():
    check_transformed(
        Signals,
        """\
        from django.apps import AppConfig
        from django.contrib.auth.models import User
        from django.db.models.signals import post_save


        class ProfilesConfig(AppConfig):
            name = "profiles"

            def ready(self):
                post_save.connect(create_profile, sender=User)
                post_save.connect(create_profile, User, dispatch_uid="profile")
                post_save.disconnect(create_profile, User)
                post_save.disconnect(sender=User, dispatch_uid="profile")
        """,
        """\
        from django.apps import AppConfig
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db.models.signals import post_save


        class ProfilesConfig(AppConfig):
            name = "profiles"

            def ready(self):
                post_save.connect(create_profile, sender=settings.AUTH_USER_MODEL)
                post_save.connect(create_profile, settings.AUTH_USER_MODEL, dispatch_uid="profile")
                post_save.disconnect(create_profile, settings.AUTH_USER_MODEL)
                post_save.disconnect(sender=settings.AUTH_USER_MODEL, dispatch_uid="profile")
        """,
        path="profiles/apps.py",
    )


def test_signals_module_import():
    check_transformed(
        Signals,
        """\
        from django.contrib.auth.models import User
        from django.db.models import signals
        from django.dispatch import receiver

        signals.post_save.connect(handler, sender=User)


        @receiver(signals.pre_delete, sender=User)
        def handler(sender, **kwargs):
            pass
        """,
        """\
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db.models import signals
        from django.dispatch import receiver

        signals.post_save.connect(handler, sender=settings.AUTH_USER_MODEL)


        @receiver(signals.pre_delete, sender=settings.AUTH_USER_MODEL)
        def handler(sender, **kwargs):
            pass
        """,
    )


def test_models_signals_attribute_and_dispatch_module():
    check_transformed(
        Signals,
        """\
        from django import dispatch
        from django.contrib.auth.models import User
        from django.db import models


        @dispatch.receiver(models.signals.post_save, sender=User)
        def handler(sender, **kwargs):
            pass
        """,
        """\
        from django import dispatch
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db import models


        @dispatch.receiver(models.signals.post_save, sender=settings.AUTH_USER_MODEL)
        def handler(sender, **kwargs):
            pass
        """,
    )


def test_aliased_user_and_signal():
    check_transformed(
        Signals,
        """\
        from django.contrib.auth.models import User as AuthUser
        from django.db.models.signals import post_save as saved
        from django.dispatch.dispatcher import receiver


        @receiver(saved, sender=AuthUser)
        def handler(sender, **kwargs):
            pass
        """,
        """\
        from django.conf import settings
        from django.contrib.auth.models import User as AuthUser
        from django.db.models.signals import post_save as saved
        from django.dispatch.dispatcher import receiver


        @receiver(saved, sender=settings.AUTH_USER_MODEL)
        def handler(sender, **kwargs):
            pass
        """,
    )


def test_auth_models_module_alias_import_goes_when_unused():
    check_transformed(
        Signals,
        """\
        from django.contrib.auth import models as auth_models
        from django.db.models.signals import post_save

        post_save.connect(handler, sender=auth_models.User)
        """,
        """\
        from django.conf import settings
        from django.db.models.signals import post_save

        post_save.connect(handler, sender=settings.AUTH_USER_MODEL)
        """,
    )


def test_dotted_module_import_kept_when_still_used():
    check_transformed(
        Signals,
        """\
        import django.contrib.auth.models as m
        from django.db.models.signals import post_save

        post_save.connect(handler, sender=m.User)
        GROUP = m.Group
        """,
        """\
        import django.contrib.auth.models as m
        from django.conf import settings
        from django.db.models.signals import post_save

        post_save.connect(handler, sender=settings.AUTH_USER_MODEL)
        GROUP = m.Group
        """,
    )


def test_reexported_user():
    check_transformed(
        Signals,
        """\
        from django.db.models.signals import post_save

        from core.models import User

        post_save.connect(handler, sender=User)
        """,
        """\
        from django.conf import settings
        from django.db.models.signals import post_save

        from core.models import User

        post_save.connect(handler, sender=settings.AUTH_USER_MODEL)
        """,
        options=options(
            user_names=frozenset({"django.contrib.auth.models.User", "core.models.User"})
        ),
    )


def test_settings_already_imported():
    check_transformed(
        Signals,
        """\
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db.models.signals import post_save

        post_save.connect(handler, sender=User)
        """,
        """\
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db.models.signals import post_save

        post_save.connect(handler, sender=settings.AUTH_USER_MODEL)
        """,
    )


def test_mixed_receiver_list_is_a_note():
    source = """\
        from django.contrib.auth.models import User
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_save
        from django.dispatch import receiver


        @receiver([post_save, user_logged_in], sender=User)
        def touch(sender, **kwargs):
            pass
        """
    result = check_noop(Signals, source, path="profiles/signals.py")
    assert notes_of(result) == [
        "profiles/signals.py:7:2: note: receiver of model signals and other signals with sender=User; after the"
        " swap a model signal needs the lazy sender settings.AUTH_USER_MODEL, which the other signals cannot"
        " take; split it into one @receiver for the model signals with sender=settings.AUTH_USER_MODEL and one"
        " for the others [signals]"
    ]


def test_noop_mixed_list_with_another_sender():
    result = check_noop(
        Signals,
        """\
        from django.contrib.auth.models import User
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_save
        from django.dispatch import receiver

        from blog.models import Post


        @receiver([post_save, user_logged_in], sender=Post)
        def touch(sender, **kwargs):
            pass
        """,
    )
    assert notes_of(result) == []


def test_noop_plain_signals():
    check_noop(
        Signals,
        """\
        from django.contrib.auth.models import User
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import m2m_changed, post_save
        from django.dispatch import Signal, receiver

        profile_ready = Signal()


        @receiver(user_logged_in, sender=User)
        def logged_in(sender, **kwargs):
            pass


        @receiver(m2m_changed, sender=User.groups.through)
        def groups_changed(sender, **kwargs):
            pass


        profile_ready.connect(logged_in, sender=User)
        post_save.connect(logged_in, sender=get_user_model())
        """,
    )


def test_noop_send():
    check_noop(
        Signals,
        """\
        from django.contrib.auth.models import User
        from django.db.models.signals import post_save

        post_save.send(sender=User, instance=None, created=False)
        post_save.send(User, instance=None, created=False)
        """,
    )


def test_noop_other_sender():
    check_noop(
        Signals,
        """\
        from django.contrib.auth.models import User
        from django.db.models.signals import post_save
        from django.dispatch import receiver

        from blog.models import Post


        @receiver(post_save, sender=Post)
        def handler(sender, **kwargs):
            pass


        post_save.connect(handler, Post)
        post_save.connect(User, Post)
        """,
    )


def test_noop_local_class_named_user():
    check_noop(
        Signals,
        """\
        from django.db import models
        from django.db.models.signals import post_save
        from django.dispatch import receiver


        class User(models.Model):
            pass


        @receiver(post_save, sender=User)
        def handler(sender, **kwargs):
            pass


        post_save.connect(handler, sender=User)
        """,
    )


def test_noop_local_function_named_post_save():
    check_noop(
        Signals,
        """\
        from django.contrib.auth.models import User
        from django.dispatch import receiver


        def post_save():
            pass


        post_save.connect(handler, sender=User)
        """,
    )


def test_noop_already_lazy():
    check_noop(
        Signals,
        """\
        from django.conf import settings
        from django.db.models.signals import post_save
        from django.dispatch import receiver


        @receiver(post_save, sender=settings.AUTH_USER_MODEL)
        def handler(sender, **kwargs):
            pass
        """,
    )


def test_noop_not_wanted_without_a_model_signal():
    text = "from django.contrib.auth.models import User\n\ndef greet(sender, **kwargs):\n    pass\n"
    assert not Signals.wants(text, options(), _info())
    check_noop(Signals, text)


def test_noop_not_wanted_outside_the_user_files():
    text = "from django.db.models.signals import post_save\nfrom django.contrib.auth.models import User\n"
    assert not Signals.wants(text, options(user_files=frozenset({"other.py"})), _info())
    assert Signals.wants(text, options(user_files=frozenset({"blog/models.py"})), _info())


def _info():
    from codemods.core.transform import FileInfo

    return FileInfo("blog/models.py", "python", "blog.models", False)


def test_settings_bound_to_something_else_is_a_note():
    result = check_noop(
        Signals,
        """\
        from django.contrib.auth.models import User
        from django.db.models.signals import post_save

        from blog import settings

        post_save.connect(handler, sender=User)
        """,
    )
    assert notes_of(result) == [
        "blog/models.py:6:1: note: post_save.connect(..., sender=User) never fires after the swap; `settings` here"
        " is not django.conf.settings, so it was left as it is; use sender=django.conf.settings.AUTH_USER_MODEL"
        " [signals]"
    ]


def test_with_user_class_the_user_import_goes():
    import textwrap

    from codemods.core.runner import Job, run_job
    from codemods.core.transform import FileInfo
    from codemods.swap_user.transforms.model_fields import ModelFields
    from codemods.swap_user.transforms.user_class import UserClass

    source = textwrap.dedent("""\
        from django.contrib.auth.models import User
        from django.db import models
        from django.db.models.signals import post_save
        from django.dispatch import receiver


        class Profile(models.Model):
            user = models.OneToOneField(User, on_delete=models.CASCADE)


        @receiver(post_save, sender=User)
        def create_profile(sender, instance, created, **kwargs):
            pass
        """)
    info = FileInfo("profiles/models.py", "python", "profiles.models", False)
    result = run_job(
        Job(info, source, (ModelFields, Signals, UserClass)), options(), options().style
    )
    assert result.crash is None, result.crash
    assert result.new_text == textwrap.dedent("""\
        from django.conf import settings
        from django.db import models
        from django.db.models.signals import post_save
        from django.dispatch import receiver


        class Profile(models.Model):
            user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)


        @receiver(post_save, sender=settings.AUTH_USER_MODEL)
        def create_profile(sender, instance, created, **kwargs):
            pass
        """)

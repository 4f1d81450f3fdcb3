"""$profile_label's fields moved to $user_label; this keeps the profile working for one release.

`profile.<field>` reads and writes `profile.$link.<field>` (FieldOnUser, a property, so
`$profile_class(user=u, <field>=...)` and `$profile_class.objects.create(...)` still take them), and saving a
profile saves those fields of its user (SavesFieldsOnUser). Queries cannot follow: filter, order and
look up the moved fields on the user (`$user_class.objects.filter(<field>=...)`). Remove this module
together with the profile model, once no code reads the profile any more.
"""

import threading

from django.core.exceptions import FieldDoesNotExist

LINK = "$link"
_saving = threading.local()  # the users a profile's save is saving, so a post_save receiver that saves the
# profile again (`instance.profile.save()`, the pattern of Django's docs) does not save the user again, forever


class FieldOnUser(property):
    """A profile field that now lives on the user: read and written through profile.$link."""

    def __init__(self, name):
        def fget(profile):
            return getattr(getattr(profile, LINK), name)

        def fset(profile, value):
            setattr(getattr(profile, LINK), name, value)

        super().__init__(fget, fset, doc="Moved to the user model: profile.%s.%s" % (LINK, name))
        self.name = name


class SavesFieldsOnUser:
    """Saving the profile saves the fields it keeps on the user (many-to-many ones save themselves)."""

    def save(self, *args, **kwargs):
        on_user = _fields_on_user(type(self))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            update_fields = set(update_fields)
            kwargs["update_fields"] = update_fields - set(on_user) - {a for n, a in on_user.items()}
            on_user = {n: a for n, a in on_user.items() if n in update_fields or a in update_fields}
        super().save(*args, **kwargs)
        user = getattr(self, LINK)
        if not on_user or user is None or user.pk is None:
            return
        saving = _saving.__dict__.setdefault("users", set())
        key = (user._meta.label, user.pk)
        if key in saving:
            return
        saving.add(key)
        try:
            user.save(update_fields=list(on_user))
        finally:
            saving.discard(key)


def _fields_on_user(cls):
    """{field name: attname} of the concrete fields the class reads from the user."""
    user_model = cls._meta.get_field(LINK).related_model
    found = {}
    for klass in cls.__mro__:
        for value in vars(klass).values():
            if not isinstance(value, FieldOnUser):
                continue
            try:
                field = user_model._meta.get_field(value.name)
            except FieldDoesNotExist:
                continue  # an attname (team_id): its field is listed under its name
            if field.concrete and not field.many_to_many:
                found[field.name] = field.attname
    return found

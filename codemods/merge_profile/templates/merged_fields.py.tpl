"""$profile_label's fields moved to $user_label; this keeps the profile working for one release.

`profile.<field>` reads and writes `profile.$link.<field>` (FieldOnUser, a property, so
`$profile_class(user=u, <field>=...)` and `$profile_class.objects.create(...)` still take them), and saving a
profile saves those fields of its user (SavesFieldsOnUser). The profile's querysets take the moved fields' names
and follow the link (FollowsLinkQuerySet): `filter(<field>=...)`, Q and F objects, `order_by`, `values`,
`update(<field>=...)` (which updates the users), and they load each profile's user in the same query. REST
framework serializers of the profile build the moved fields from the user's (ProfileSerializerFields). The
targets of moved relations without a related_name keep their reverse accessor for profiles, read only
(ProfilesOf). Fixtures whose profile rows set moved fields still load: loaddata saves those values on the
users (_fixture_rows). Remove this module together with the profile model, once no code reads the profile any
more.
"""

import sys
import threading

from django.apps import apps as global_apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connections, transaction
from django.db.models import F, Q
from django.db.models.fields.related import lazy_related_operation
from django.db.models.query import ModelIterable
from django.db.models.signals import class_prepared, post_save
from django.db.models.sql import Query

LINK = "$link"
# {moved relation: the reverse accessor its target had for profiles}: the target keeps it, read only
OLD_ACCESSORS = $old_accessors
_saving = threading.local()  # the users a profile's save is saving, so a post_save receiver that saves the
# profile again (`instance.profile.save()`, the pattern of Django's docs) does not save the user again, forever


class FieldOnUser(property):
    """A profile field that now lives on the user: read and written through profile.$link."""

    def __init__(self, name):
        def fget(profile):
            return getattr(getattr(profile, LINK), name)

        def fset(profile, value):
            user = getattr(profile, LINK)
            if _many_to_many(user, name):
                getattr(user, name).set(value)  # as REST framework and forms set them on the profile
            else:
                setattr(user, name, value)

        super().__init__(fget, fset, doc="Moved to the user model: profile.%s.%s" % (LINK, name))
        self.name = name


def _many_to_many(user, name):
    try:
        return user._meta.get_field(name).many_to_many
    except FieldDoesNotExist:
        return False


class SavesFieldsOnUser:
    """Saving the profile saves the fields it keeps on the user (many-to-many ones save themselves)."""

    def serializable_value(self, field_name):
        if field_name in _moved_names(type(self)):
            return getattr(self, LINK).serializable_value(field_name)
        return super().serializable_value(field_name)

    def save(self, *args, **kwargs):
        on_user = _fields_on_user(type(self))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            update_fields = set(update_fields)
            kwargs["update_fields"] = update_fields - set(on_user) - {a for n, a in on_user.items()}
            on_user = {n: a for n, a in on_user.items() if n in update_fields or a in update_fields}
        super().save(*args, **kwargs)
        _save_on_user(getattr(self, LINK), on_user)


def _save_on_user(user, on_user, **kwargs):
    """Save the user's fields a profile holds, once per user at a time."""
    if not on_user or user is None or user.pk is None:
        return
    saving = _saving.__dict__.setdefault("users", set())
    key = (user._meta.label, user.pk)
    if key in saving:
        return
    saving.add(key)
    try:
        user.save(update_fields=list(on_user), **kwargs)
    finally:
        saving.discard(key)


def _fields_on_user(cls):
    """{field name: attname} of the concrete fields the class reads from the user."""
    user_model = cls._meta.get_field(LINK).related_model
    found = {}
    for name in _moved_names(cls):
        try:
            field = user_model._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # get_<name>_display
        if field.concrete and not field.many_to_many:
            found[field.name] = field.attname
    return found


_moved = {}  # profile class: the names it reads from the user


def _moved_names(cls):
    """The names the class reads from the user (fields, attnames), for its queries."""
    if cls not in _moved:
        _moved[cls] = {
            value.name
            for klass in cls.__mro__
            for value in vars(klass).values()
            if isinstance(value, FieldOnUser)
        }
    return _moved[cls]


def _path(moved, path):
    """A lookup or ordering path that follows the link when it starts with a moved field."""
    name = path.lstrip("-")
    if name.split("__")[0] in moved:
        return "%s%s__%s" % (path[: len(path) - len(name)], LINK, name)
    return path


def _follow(moved, value):
    """A Q, an F or an expression whose paths follow the link; any other value (a string too) as it is."""
    if isinstance(value, Q):
        q = value.copy()
        q.children = [
            (_path(moved, c[0]), _follow(moved, c[1])) if isinstance(c, tuple) else _follow(moved, c)
            for c in value.children
        ]
        return q
    if type(value) is F:  # not OuterRef: it names the outer query's fields
        name = _path(moved, value.name)
        return value if name == value.name else F(name)
    if isinstance(value, (str, Query)) or not hasattr(value, "get_source_expressions"):
        return value
    sources = value.get_source_expressions()
    followed = [_follow(moved, s) for s in sources]
    if all(f is s for f, s in zip(followed, sources)):
        return value
    value = value.copy()
    value.set_source_expressions(followed)
    return value


def _ordering(moved, value):
    return _path(moved, value) if isinstance(value, str) else _follow(moved, value)


class FollowsLinkQuerySet:
    """A profile queryset that takes the moved fields' names: they follow the link (`<field>` -> `${link}__<field>`)."""

    def _moved(self):
        return _moved_names(self.model)

    def _filter_or_exclude_inplace(self, negate, args, kwargs):
        moved = self._moved()
        args = [_follow(moved, a) for a in args]
        kwargs = {_path(moved, k): _follow(moved, v) for k, v in kwargs.items()}
        super()._filter_or_exclude_inplace(negate, args, kwargs)

    def complex_filter(self, filter_obj):
        return super().complex_filter(_follow(self._moved(), filter_obj))

    def order_by(self, *field_names):
        moved = self._moved()
        return super().order_by(*[_ordering(moved, f) for f in field_names])

    def distinct(self, *field_names):
        moved = self._moved()
        return super().distinct(*[_ordering(moved, f) for f in field_names])

    def _expressions(self, args, kwargs):
        moved = self._moved()
        return [_follow(moved, a) for a in args], {k: _follow(moved, v) for k, v in kwargs.items()}

    def annotate(self, *args, **kwargs):
        args, kwargs = self._expressions(args, kwargs)
        return super().annotate(*args, **kwargs)

    def alias(self, *args, **kwargs):
        args, kwargs = self._expressions(args, kwargs)
        return super().alias(*args, **kwargs)

    def aggregate(self, *args, **kwargs):
        args, kwargs = self._expressions(args, kwargs)
        return super().aggregate(*args, **kwargs)

    def values(self, *fields, **expressions):
        """A moved field keeps its name in the rows: values("<field>") is values(<field>=F("${link}__<field>"))."""
        moved = self._moved()
        kept = [_path(moved, f) if isinstance(f, str) else f for f in fields if f not in moved]
        named = {f: F(_path(moved, f)) for f in fields if f in moved}
        expressions = {k: _follow(moved, v) for k, v in expressions.items()}
        return super().values(*kept, **named, **expressions)

    def values_list(self, *fields, flat=False, named=False):
        moved = self._moved()
        fields = [
            F(_path(moved, f)) if isinstance(f, str) and f.split("__")[0] in moved else _follow(moved, f)
            for f in fields
        ]
        return super().values_list(*fields, flat=flat, named=named)

    def update(self, **kwargs):
        """The moved fields are updated on the users of the selected profiles, the others on the profiles."""
        moved = self._moved()
        on_user = {name: kwargs.pop(name) for name in list(kwargs) if name in moved}
        if not on_user or self.query.is_sliced:
            return super().update(**kwargs, **on_user)
        link = self.model._meta.get_field(LINK)
        selected = self.values(link.attname)
        if not connections[self.db].features.update_can_self_select:
            selected = list(self.values_list(link.attname, flat=True))  # MySQL: no subquery on the updated table
        users = link.related_model._base_manager.using(self.db).filter(
            **{"%s__in" % link.target_field.attname: selected}
        )
        with transaction.atomic(using=self.db, savepoint=False):
            count = users.update(**on_user)
            if kwargs:
                count = super().update(**kwargs)
        return count

    def _fetch_all(self):
        """Profiles come with their user, whose fields they read (one query, as before the move)."""
        query = self.query
        if (
            self._result_cache is None
            and self._iterable_class is ModelIterable
            and query.select_related is False
            and not query.select_for_update
            and not query.combinator
            and not query.deferred_loading[0]
            and query.deferred_loading[1]
        ):
            query.add_select_related([LINK])
        super()._fetch_all()


class ProfileSerializerFields:
    """A REST framework ModelSerializer of the profile: its moved fields are built from the user's model fields."""

    def _user_model(self):
        return self.Meta.model._meta.get_field(LINK).related_model

    def build_field(self, field_name, info, model_class, nested_depth):
        if field_name in _moved_names(model_class):
            from rest_framework.utils.model_meta import get_field_info

            user_model = self._user_model()
            user_info = get_field_info(user_model)
            if field_name in user_info.fields or field_name in user_info.relations:
                return super().build_field(field_name, user_info, user_model, nested_depth)
        return super().build_field(field_name, info, model_class, nested_depth)

    def get_default_field_names(self, declared_fields, model_info):
        """`fields = "__all__"` still lists the moved fields."""
        from rest_framework.utils.model_meta import get_field_info

        names = super().get_default_field_names(declared_fields, model_info)
        user_info = get_field_info(self._user_model())
        moved = _moved_names(self.Meta.model)
        return names + [
            name
            for name in list(user_info.fields) + list(user_info.forward_relations)
            if name in moved and name not in names
        ]


class ProfilesOf:
    """`<target>.<profile>_set` as before the move, read only: the profiles whose user holds the target."""

    def __init__(self, profile_model, name):
        self.profile_model, self.name = profile_model, name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return self.profile_model._default_manager.filter(**{"%s__%s" % (LINK, self.name): instance})


def _keep_old_accessors(profile_model, user_model):
    for name, accessor in OLD_ACCESSORS.items():
        try:
            field = user_model._meta.get_field(name)
        except FieldDoesNotExist:
            continue

        def install(user_model, target, name=name, accessor=accessor):
            if not hasattr(target, accessor):
                setattr(target, accessor, ProfilesOf(profile_model, name))

        lazy_related_operation(install, user_model, field.remote_field.model)


_DESERIALIZERS = "django.core.serializers."


def _fixture_rows(meta):
    """loaddata's deserializers ask the profile's _meta for each field a fixture row sets: for a moved field they
    get the user's field, so the row's value goes through FieldOnUser to its user (saved by _raw_save). Only
    they do: to queries and forms a moved name stays unknown on the profile, whose column is not read any more."""
    own = meta.get_field

    def get_field(field_name):
        try:
            return own(field_name)
        except FieldDoesNotExist:
            if field_name not in _moved_names(meta.model):
                raise
            caller = sys._getframe(1).f_globals.get("__name__", "")
            if not caller.startswith(_DESERIALIZERS):
                raise
            return own(LINK).related_model._meta.get_field(field_name)

    meta.get_field = get_field


def _raw_save(sender, instance, raw=False, using=None, **kwargs):
    """loaddata saves each row raw, past save(): a profile row that set moved fields on its user saves them."""
    if raw and isinstance(instance, SavesFieldsOnUser) and sender._meta.apps is global_apps:
        link = sender._meta.get_field(LINK)
        if link.is_cached(instance):
            _save_on_user(link.get_cached_value(instance), _fields_on_user(sender), using=using)


_following = {}


def _queries_follow_link(sender, **kwargs):
    """Every manager of a profile class (its own and inherited ones) makes FollowsLinkQuerySet querysets, and its
    fixture rows load (_fixture_rows); not the historical models migrations render (their bases may hold this
    mixin, their fields are another time's)."""
    if not issubclass(sender, SavesFieldsOnUser) or sender._meta.apps is not global_apps:
        return
    meta = sender._meta
    own = {manager.name for manager in meta.local_managers}
    meta.local_managers.extend(m for m in meta.managers if m.name not in own)  # copies made for this class
    for manager in meta.local_managers:
        base = manager._queryset_class
        if issubclass(base, FollowsLinkQuerySet):
            continue
        if base not in _following:
            # named as the project's class, so migrations and pickles name that one
            _following[base] = type(
                base.__name__,
                (FollowsLinkQuerySet, base),
                {"__module__": base.__module__, "__qualname__": base.__qualname__},
            )
        manager._queryset_class = _following[base]
    meta._expire_cache()
    _fixture_rows(meta)
    if OLD_ACCESSORS:
        lazy_related_operation(_keep_old_accessors, sender, sender._meta.get_field(LINK).remote_field.model)


class_prepared.connect(_queries_follow_link)
post_save.connect(_raw_save)

"""What only the project's own Django can tell: its user model and the one-to-one models that point at it.

The facts come from Django's app registry in a subprocess (`manage.py shell -c`, like core/django.py's
probe), so a link through settings.AUTH_USER_MODEL, the user class, a string, a OneToOneField subclass
(an AutoOneToOneField) or a one-to-one primary key is found the same way: it is a one-to-one field whose
remote model is the user model.
"""

from __future__ import annotations

from ..core import django as django_run
from ..core.project import Project

MARKER = "@@codemods-merge-profile@@"

PROBE = r"""
import inspect, json
import django
from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models.fields import NOT_PROVIDED
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.writer import MigrationWriter


def path_of(cls):
    return "%s.%s" % (cls.__module__, cls.__qualname__)


def where(model):
    try:
        return [inspect.getsourcefile(model), inspect.getsourcelines(model)[1]]
    except (OSError, TypeError):
        return [None, 0]


def serialized(field, **changes):
    if changes:
        name, path, args, kwargs = field.deconstruct()
        kwargs.update(changes)
        field = type(field)(*args, **kwargs)
    text, imports = MigrationWriter.serialize(field)
    return [text, sorted(imports)]


def stable_default(field):
    if not field.has_default():
        return True
    if not callable(field.default):
        return True
    try:
        return field.default() == field.default()
    except Exception:
        return False


def names_on(model, leaving):
    # Names Django's relation checks compare: fields, and the accessors and query names of relations to it.
    names, accessors = set(), set()
    for f in model._meta.get_fields(include_hidden=True):
        if f.auto_created and not f.concrete:
            if getattr(f, "related_model", None) is leaving:
                continue
            accessors.add(f.get_accessor_name() or "")
            names.add(f.field.related_query_name())
        else:
            names.add(f.name)
    return sorted(names - {""}), sorted(accessors - {""})


def owners_on(model):
    # What each name of names_on is: a field of the model, or the reverse name of which relation.
    owners = {}
    for f in model._meta.get_fields(include_hidden=True):
        if f.auto_created and not f.concrete:
            owner = "%s.%s" % (f.related_model._meta.label, f.field.name)
            owners.setdefault(f.get_accessor_name() or "", ["accessor", owner])
            owners.setdefault(f.field.related_query_name(), ["query_name", owner])
        else:
            owners.setdefault(f.name, ["field", model._meta.label])
    owners.pop("", None)
    return owners


def relation(f, model):
    target = f.remote_field.model
    return {
        "target": target._meta.label if not isinstance(target, str) else target,
        "related_name": f.remote_field.related_name,
        "related_query_name": f.remote_field.related_query_name,
        "accessor": f.remote_field.get_accessor_name() if hasattr(f.remote_field, "get_accessor_name") else None,
        "to_self": target is model,
        "to_user": target is User,
        "on_delete": getattr(getattr(f.remote_field, "on_delete", None), "__name__", None),
        "target_names": names_on(target, model) if not isinstance(target, str) else [[], []],
    }


def field_facts(f, model):
    out = {
        "name": f.name,
        "attname": f.attname,
        "column": f.column,
        "class": path_of(type(f)),
        "declared_in": path_of(f.model) if f.model is not model else None,
        "null": f.null,
        "blank": f.blank,
        "unique": f.unique,
        "has_default": f.has_default(),
        "callable_default": callable(f.default) if f.has_default() else False,
        "stable_default": stable_default(f),
        "empty_strings_allowed": f.empty_strings_allowed,
        "auto_now": bool(getattr(f, "auto_now", False)),
        "auto_now_add": bool(getattr(f, "auto_now_add", False)),
        "many_to_many": bool(f.many_to_many),
        "choices": bool(getattr(f, "choices", None)),
        "db_default": getattr(f, "db_default", NOT_PROVIDED) is not NOT_PROVIDED,
        "is_relation": f.is_relation,
        "definition": serialized(f),
        "nullable_definition": serialized(f, null=True) if not f.many_to_many else None,
    }
    if f.is_relation:
        out.update(relation(f, model))
    if f.many_to_many:
        through = f.remote_field.through
        out["through_auto_created"] = bool(through._meta.auto_created)
        out["through"] = through._meta.label
    return out


User = apps.get_model(settings.AUTH_USER_MODEL)
loader = MigrationLoader(None, ignore_no_migrations=True)


def leaf(label):
    nodes = loader.graph.leaf_nodes(label)
    return list(nodes[0]) if nodes else None


def model_facts(model):
    config = model._meta.app_config
    return {
        "label": model._meta.label,
        "app_label": model._meta.app_label,
        "app_module": config.name,
        "app_path": config.path,
        "object_name": model._meta.object_name,
        "model_name": model._meta.model_name,
        "module": model.__module__,
        "qualname": model.__qualname__,
        "source": where(model),
        "db_table": model._meta.db_table,
        "leaf_migration": leaf(model._meta.app_label),
        "has_migrations": model._meta.app_label in loader.migrated_apps,
    }


user = model_facts(User)
user["names"], user["accessors"] = names_on(User, None)
user["attributes"] = sorted(n for n in dir(User) if not n.startswith("__"))
user["owners"] = owners_on(User)
user["pk"] = User._meta.pk.name
# What a fixture's natural key of a user holds (["ada"]): AbstractBaseUser.natural_key() is (USERNAME_FIELD,).
user["username_field"] = getattr(User, "USERNAME_FIELD", None) if hasattr(User, "natural_key") else None

profiles = []
for model in apps.get_models():
    for link in model._meta.local_fields:
        if not (link.one_to_one and link.remote_field.model is User and not link.remote_field.parent_link):
            continue
        facts = model_facts(model)
        meta = model._meta
        accessor = link.remote_field.get_accessor_name()
        # Other models with an attribute of the same name: `x.<accessor>.field` may not be a user's profile.
        # (A reverse relation's query name is no attribute; the profile's own relations go away; a proxy or a
        # child of the user model is a user.)
        facts["accessor_elsewhere"] = sorted(
            m._meta.label for m in apps.get_models()
            if not issubclass(m, User) and m is not model and (hasattr(m, accessor) or any(
                (f.concrete and f.name == accessor) or (f.auto_created and not f.concrete and
                                                        f.related_model is not model and
                                                        f.get_accessor_name() == accessor)
                for f in m._meta.get_fields(include_hidden=True)))
        )
        pk = meta.pk
        facts.update({
            "managed": meta.managed,
            "proxy": meta.proxy,
            "concrete_parents": [p._meta.label for p in meta.get_parent_list()],
            "children": [m._meta.label for m in apps.get_models() if model in m._meta.get_parent_list()],
            "link": {
                "name": link.name,
                "attname": link.attname,
                "column": link.column,
                "class": path_of(type(link)),
                "primary_key": link.primary_key,
                "null": link.null,
                "to_field": link.remote_field.field_name if link.remote_field.field_name != User._meta.pk.name else None,
                "accessor": link.remote_field.get_accessor_name(),
                "query_name": link.related_query_name(),
            },
            "pk": {"name": pk.name, "column": pk.column, "auto": isinstance(pk, models.AutoField) or
                   type(pk).__name__.endswith("AutoField"), "is_link": pk is link},
            "fields": [field_facts(f, model) for f in meta.local_concrete_fields if f is not link and f is not pk],
            "many_to_many": [field_facts(f, model) for f in meta.local_many_to_many],
            "private_fields": [f.name for f in meta.private_fields],
            "unique_together": [list(t) for t in meta.unique_together],
            "index_together": [list(t) for t in getattr(meta, "index_together", ()) or ()],
            "constraints": [[type(c).__name__, c.name, list(getattr(c, "fields", ()) or ())] for c in meta.constraints],
            "indexes": [[i.name, list(i.fields)] for i in meta.indexes],
            "ordering": [o for o in meta.ordering if isinstance(o, str)],
            "managers": [[m.name, path_of(type(m))] for m in meta.managers],
        })
        profiles.append(facts)

try:
    from django.db.migrations.autodetector import MigrationAutodetector
    from django.db.migrations.questioner import NonInteractiveMigrationQuestioner
    from django.db.migrations.state import ProjectState

    # What `makemigrations --check` would write, without touching a database: labels with pending changes.
    changes = MigrationAutodetector(
        loader.project_state(), ProjectState.from_apps(apps), NonInteractiveMigrationQuestioner(dry_run=True)
    ).changes(graph=loader.graph)
    pending = sorted(changes)
except Exception as exc:
    pending = None

# Names of the relations that lead to a user (`post.author`): `<x>.author.profile.bio` is a user's profile.
user_relations = sorted({
    f.name for m in apps.get_models() for f in m._meta.get_fields()
    if f.concrete and f.is_relation and (f.many_to_one or f.one_to_one) and isinstance(f.related_model, type)
    and issubclass(f.related_model, User)
})

out = {
    "django": django.get_version(),
    "user_relations": user_relations,
    "pending_migrations": pending,
    "auth_user_model": settings.AUTH_USER_MODEL,
    "user": user,
    "profiles": profiles,
}
print("@@MARKER@@" + json.dumps(out))
"""


def probe(
    project: Project, settings: str | None = None, python: str | None = None
) -> tuple[dict | None, django_run.DjangoRun]:
    """Start the project's Django once; (facts, the run) with facts None when Django did not start."""
    run = django_run.run_manage(
        project, ["shell", "-c", PROBE.replace("@@MARKER@@", MARKER)], settings, python=python
    )
    return django_run.marked_json(run.output, MARKER), run

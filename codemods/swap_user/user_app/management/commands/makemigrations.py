"""`makemigrations`, saying what to do on a database that still has to be adopted.

On a database the previous release migrated, the history still lacks this app's first
migration, and the stock command stops with a bare InconsistentMigrationHistory. The
fix is the adoption that `manage.py migrate` runs first (see adoption.py in this app):
this command says so, and changes nothing. Otherwise it is the command it shadows.

Transition code: delete it with adoption.py in this app once every
environment (each developer's database, CI's kept test databases, staging,
production) has run `migrate` with this release; `swap_user --finish` checks
the databases it can reach, then deletes them.
"""

from django.apps import apps
from django.core.management.base import CommandError
from django.db import connections, router, transaction

from ...adoption import AdoptionRefused, adopt, shadowed_command

ShadowedCommand = shadowed_command("makemigrations", __name__)
LABEL = apps.get_containing_app_config(__name__).label


class Command(ShadowedCommand):
    def handle(self, *app_labels, **options):
        for alias in connections:
            if not any(
                router.allow_migrate(alias, config.label, model_name=model._meta.object_name)
                for config in apps.get_app_configs()
                for model in config.get_models()
            ):
                continue
            try:
                with transaction.atomic(using=alias):
                    pending = adopt(connections[alias], dry_run=True)
            except AdoptionRefused:
                raise
            except Exception:
                # No database here: the stock command only warns about that.
                continue
            if pending:
                raise CommandError(
                    "database '%s' still has to be adopted by the %s app: run "
                    "`manage.py migrate` first (it adopts it, then migrates), then "
                    "makemigrations; nothing was changed" % (alias, LABEL)
                )
        return super().handle(*app_labels, **options)

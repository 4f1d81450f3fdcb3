"""`migrate`, adopting auth_user for this app's User first (see adoption.py in this app).

This app comes first in INSTALLED_APPS, so Django runs this command for `manage.py
migrate`, `call_command("migrate")` and the test databases that `manage.py test` and
pytest-django create or keep. It adopts the table before the stock command checks the
migration history, then hands over to the command it shadows: another installed app's
`migrate` if there is one (a project's pre-flight check, say), else Django's.

Transition code: delete it with adoption.py in this app once every
environment (each developer's database, CI's kept test databases, staging,
production) has run `migrate` with this release; `swap_user --finish` checks
the databases it can reach, then deletes them.
"""

import sys

from django.apps import apps
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections, transaction

from ...adoption import adopt, describe, shadowed_command

ShadowedCommand = shadowed_command("migrate", __name__)
LABEL = apps.get_containing_app_config(__name__).label


class Command(ShadowedCommand):
    help = "Adopts auth_user for %s where needed, then: %s" % (
        settings.AUTH_USER_MODEL,
        ShadowedCommand.help,
    )

    def handle(self, *args, **options):
        alias = options["database"]
        target = (options.get("app_label"), options.get("migration_name"))
        if target == (LABEL, "zero"):
            raise CommandError(
                "migrate %s zero would unapply admin and every app with a foreign key "
                "to the user, and drop auth_user; to undo the adoption run `manage.py "
                "adopt_user_table --reverse` and deploy the previous release" % LABEL
            )
        if options.get("plan") or options.get("check_unapplied"):
            return self._handle_without_writing(alias, *args, **options)
        self._report(alias, adopt(connections[alias]), options, done=True)
        return super().handle(*args, **options)

    def _handle_without_writing(self, alias, *args, **options):
        # --plan and --check promise to change nothing, yet the stock command cannot
        # read an unadopted history: adopt in a transaction, plan, roll it all back.
        with transaction.atomic(using=alias):
            try:
                statements = adopt(connections[alias])
                self._report(alias, statements, options, done=False)
                if statements and options.get("check_unapplied"):
                    sys.exit(1)  # as the stock --check does when work is left
                return super().handle(*args, **options)
            finally:
                transaction.set_rollback(True, using=alias)

    def _report(self, alias, statements, options, done):
        verbosity = options["verbosity"]
        if not statements or verbosity < 1:
            return
        if done:
            heading = "Adopting auth_user for %s on database '%s':"
        else:
            heading = "Would adopt auth_user for %s on database '%s' (rolled back):"
        heading %= (settings.AUTH_USER_MODEL, alias)
        self.stdout.write(self.style.MIGRATE_HEADING(heading))
        connection = connections[alias]
        for line in describe(statements, connection, with_sql=verbosity >= 2):
            self.stdout.write("  " + line)

"""Adopt auth_user for this app's User on one database, show the SQL, or undo it.

`manage.py migrate` already does this first (see adoption.py in this app); this
command is for operators who prefer to run the step on its own, read its SQL
(--dry-run), or roll it back (--reverse). Rolling back is never `migrate <label>
zero`: that unapplies admin and every app with a foreign key to the user, and drops
auth_user.

Transition code: delete it with adoption.py in this app once every
environment (each developer's database, CI's kept test databases, staging,
production) has run `migrate` with this release; `swap_user --finish` checks
the databases it can reach, then deletes them.
"""

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

from ...adoption import adopt, describe, readable_sql, unadopt


class Command(BaseCommand):
    help = (
        "Record %s's first migration as applied and rename the auth.user content "
        "type, so that an existing database matches %s; --reverse undoes both."
        % (apps.get_containing_app_config(__name__).label, settings.AUTH_USER_MODEL)
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            choices=tuple(connections),
            help='The database to work on. Defaults to "default".',
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print the SQL it would execute and change nothing.",
        )
        parser.add_argument(
            "--reverse",
            action="store_true",
            help="Undo: forget the migration record and give the content type back to "
            "auth; then deploy the previous release (migrate with this code adopts "
            "again).",
        )

    def handle(self, *args, **options):
        alias, dry_run = options["database"], options["dry_run"]
        connection = connections[alias]
        if options["reverse"]:
            what = "undo the adoption of auth_user"
            statements = unadopt(connection, dry_run=dry_run)
        else:
            what = "adopt auth_user"
            statements = adopt(connection, dry_run=dry_run)
        if not statements:
            self.stdout.write("Nothing to %s on database '%s'." % (what, alias))
        elif dry_run:
            self.stdout.write("-- Would %s on database '%s':" % (what, alias))
            self.stdout.write("-- (in one transaction)")
            for statement in statements:
                self.stdout.write("-- %s" % statement.summary)
                self.stdout.write("%s;" % readable_sql(statement, connection))
        else:
            self.stdout.write("Did %s on database '%s':" % (what, alias))
            verbose = options["verbosity"] >= 2
            for line in describe(statements, connection, with_sql=verbose):
                self.stdout.write("  " + line)
            if options["reverse"]:
                self.stdout.write(
                    self.style.WARNING(
                        "Now deploy the previous release (AUTH_USER_MODEL = "
                        "auth.User): migrate with this code adopts the table again."
                    )
                )

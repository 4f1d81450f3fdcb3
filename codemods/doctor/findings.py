"""A finding: a code, a severity, where, what is wrong, why, and the fix; and the catalogue of codes."""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)

# Who `--fix` hands a finding to.
BY_SWAP_USER = "swap_user"
BY_ADOPTION = "adoption"

# Every code the doctor reports, with the one line `--list-checks` prints. Grouped by family: D0 Django itself,
# D1 settings and the user model, D2 references, D3 migrations, D4 database, D5 third-party apps, D6 commands.
CODES: dict[str, str] = {
    "D001": "Django does not start with the project's settings (the checks that need it are skipped)",
    "D002": "Django's system checks report an error, or crash",
    "D101": "AUTH_USER_MODEL is not set, but an installed app defines a user model",
    "D102": "AUTH_USER_MODEL names a model that does not exist (a typo): the closest existing one is suggested",
    "D103": "AUTH_USER_MODEL names an app that is missing from INSTALLED_APPS",
    "D104": "AUTH_USER_MODEL names a model that does not subclass AbstractBaseUser",
    "D105": "the user model adopts auth_user but is not named User: its many-to-many columns do not match",
    "D106": "the user model adopts auth_user with a BigAutoField id (auth_user.id is an integer)",
    "D107": "swap_user would refuse this project, or cannot read one of its files",
    "D108": "the swap was started by hand and never reached a database: revert it and let swap_user make it",
    "D201": "a relation field still points at auth's User (fields.E301 after the swap)",
    "D202": "a model signal receiver still listens to auth's User (it never fires after the swap)",
    "D203": "the admin still registers or unregisters auth's User (NotRegistered at start-up)",
    "D204": "a form still uses Django's UserCreationForm/UserChangeForm bound to auth's User",
    "D205": "a string or get_model() call still names auth.User",
    "D206": "a permission string still names auth.<action>_user (has_perm is False after the swap)",
    "D207": "an admin URL name still names admin:auth_user_* (NoReverseMatch after the swap)",
    "D208": "a template still checks perms.auth.*_user or reverses admin:auth_user_*",
    "D209": 'a fixture still has "model": "auth.user" rows',
    "D210": "code still uses auth's User class at run time (Manager isn't available after the swap)",
    "D211": "a content type look-up still names auth's User",
    "D212": "a settings module does not install the user app or still sets AUTH_USER_MODEL to auth.User",
    "D220": "a circular import between models modules that a string reference would break",
    "D301": "the user model is not created in its app's first migration (or the app has no migrations)",
    "D302": "the user app's first migration is not recorded while auth_user exists (InconsistentMigrationHistory)",
    "D303": "the user app's first migration is an empty placeholder",
    "D304": 'a migration hard-codes auth.User (apps.get_model("auth", "User"), to="auth.User")',
    "D305": "migrations not applied to the database",
    "D306": "model changes that no migration records",
    "D401": "two content types for the user, auth | user and <label> | user: grants split between them",
    "D402": "permissions and grants orphaned on the old auth | user content type",
    "D403": "users without the one-to-one profile that a post_save receiver creates",
    "D501": "an installed third-party app hard-codes auth.User in its models or migrations",
    "D601": "another app's migrate command shadows the user app's adoption step",
}

# Findings that change what to do about all the others: listed first.
LEADING = ("D108",)

# Codes whose checks run the project's Django; listed as skipped when it cannot start.
NEEDS_DJANGO = ("D002", "D302", "D305", "D306", "D401", "D402", "D403")


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    what: str
    why: str = ""
    fix: str = ""
    # relative to the project root, or absolute outside it (a third-party file)
    path: str | None = None
    line: int | None = None
    where: str | None = None  # when there is no file: "database 'default'"
    fixer: str | None = None  # BY_SWAP_USER or BY_ADOPTION when --fix can hand it over

    @property
    def location(self) -> str:
        if self.path:
            return "%s:%d" % (self.path, self.line) if self.line else self.path
        return self.where or "project"

    @property
    def message(self) -> str:
        parts = [self.what]
        if self.why:
            parts.append(self.why)
        if self.fix:
            parts.append("fix: " + self.fix)
        return "; ".join(parts)

    def __str__(self) -> str:
        return "%s: %s: %s [%s]" % (self.location, self.severity, self.message, self.code)

    def sort_key(self) -> tuple:
        return (
            SEVERITIES.index(self.severity),
            self.code not in LEADING,
            self.path or "~",
            self.line or 0,
            self.code,
            self.what,
        )

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "where": self.location,
            "what": self.what,
            "why": self.why,
            "fix": self.fix,
            "fixable_by": self.fixer,
        }


def broken(findings) -> bool:
    """Something is wrong: an error or a warning (info never fails a run)."""
    return any(f.severity in (ERROR, WARNING) for f in findings)

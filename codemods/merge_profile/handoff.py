"""Hand the rewritten project to Django: makemigrations writes the user's AddFields, then the system checks must
pass and nothing may be left for makemigrations to write in either app."""

from __future__ import annotations

import ast
from pathlib import Path

from ..core import django as django_run
from ..core.project import Project
from ..core.report import Reporter


class HandoffError(Exception):
    """Django refused the rewritten project; `created` lists what Django wrote, for the revert."""

    def __init__(self, message: str, created: list[str]) -> None:
        super().__init__(message)
        self.created = created


def _migrations(project: Project) -> set[Path]:
    """Every migration file of the project's own apps (makemigrations may write in any of them)."""
    found: set[Path] = set()
    for app in project.apps:
        if app.path is not None and (app.path / "migrations").is_dir():
            found |= set((app.path / "migrations").glob("[0-9]*.py"))
    return found


class Handoff:
    """The Django commands of one run, and what they wrote."""

    def __init__(
        self, project: Project, settings: str | None, python: str | None, reporter: Reporter
    ) -> None:
        self.project, self.settings, self.python, self.reporter = (
            project,
            settings,
            python,
            reporter,
        )
        self.commands: list[tuple[str, int]] = []
        self.created: list[str] = []

    def manage(self, *args: str) -> django_run.DjangoRun:
        run = django_run.run_manage(self.project, list(args), self.settings, python=self.python)
        self.commands.append((django_run.command_line(run.argv, self.project.root), run.returncode))
        self.reporter.event("$ %s" % self.commands[-1][0])
        self.reporter.block(run.output)
        return run

    def remove_created(self) -> None:
        """The undo of makemigrations: remove what it wrote."""
        for rel in self.created:
            (self.project.root / rel).unlink(missing_ok=True)

    def add_fields(self, user_app_path: Path, app_label: str, name: str, expected: str) -> str:
        """makemigrations <user app> --name ...: the one migration it writes must be the AddFields we expect."""
        before = _migrations(self.project)
        # --skip-checks: the user and the profile both declare the fields until the profile's part is written
        run = self.manage("makemigrations", app_label, "--name", name, "--skip-checks")
        made = sorted(_migrations(self.project) - before)
        self.created += [self.project.rel(p) for p in made]
        if not run.ok:
            raise HandoffError(
                "makemigrations %s failed: %s" % (app_label, run.last_error()), self.created
            )
        if [(p.parent.parent, p.stem) for p in made] != [(user_app_path, expected)]:
            raise HandoffError(
                "makemigrations %s wrote %s, expected %s.py"
                % (app_label, ", ".join(p.name for p in made) or "nothing", expected),
                self.created,
            )
        operations = _operations(made[0])
        if set(operations) != {"AddField"}:
            raise HandoffError(
                "%s holds %s, expected only AddField operations"
                % (self.project.rel(made[0]), ", ".join(sorted(set(operations)))),
                self.created,
            )
        return self.project.rel(made[0])

    def verify(self, *app_labels: str) -> None:
        """Django's system checks pass, and nothing is left to generate in these apps (one command: makemigrations
        runs the checks first)."""
        run = self.manage("makemigrations", "--check", "--dry-run", *app_labels)
        if run.ok:
            return
        if "SystemCheckError" in run.output:
            raise HandoffError(
                "Django's system checks failed after the merge: %s" % _check_error(run.output),
                self.created,
            )
        raise HandoffError(
            "the models and the migrations disagree after the merge: %s" % run.last_error(),
            self.created,
        )


def _check_error(output: str) -> str:
    """The first error line of a SystemCheckError report."""
    for line in output.splitlines():
        if ": (" in line and "." in line.split(": (", 1)[1][:20]:
            return line.strip()
    return output.strip().splitlines()[-1] if output.strip() else "(no output)"


def _operations(path: Path) -> list[str]:
    """The operation names of a migration file (`migrations.AddField(...)` -> AddField)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "operations" for t in node.targets
        ):
            for item in getattr(node.value, "elts", []):
                if isinstance(item, ast.Call):
                    func = item.func
                    found.append(
                        func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "?")
                    )
    return found

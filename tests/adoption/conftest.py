"""Projects for the adoption tests: built once per kind and copied for each test where the backend can copy
a database cheaply (SQLite, PostgreSQL), built for each test otherwise (MariaDB)."""

from __future__ import annotations

import pytest

from tests.support.databases import MARIADB, POSTGRES, SQLITE, backend_param

from .oldproject import OldProject

# The Django series everything runs on unless a test says otherwise; every series meets every database in
# tests/test_samples_databases.py.
SERIES = "5.2"
ALL_BACKENDS = [backend_param(b) for b in (SQLITE, POSTGRES, MARIADB)]
SERVER_BACKENDS = [backend_param(b) for b in (SQLITE, POSTGRES)]


@pytest.fixture(scope="session")
def _built_projects(tmp_path_factory):
    built: dict[tuple, OldProject] = {}
    yield built, tmp_path_factory
    for project in built.values():
        project.drop_databases()


@pytest.fixture
def old_project(_built_projects, tmp_path):
    """old_project(backend, series=SERIES, swapped=False, **options) -> a built, seeded OldProject of its own.

    swapped=True also applies the swap (new app, settings, makemigrations) to the code; the databases stay
    as the old code left them, ready for the first migrate with the new code.
    """
    built, factory = _built_projects
    made: list[OldProject] = []

    def make(backend, series=SERIES, swapped=False, **options) -> OldProject:
        backend.require()
        key = (backend.name, series, swapped, tuple(sorted(options.items())))
        root = tmp_path / ("project%d" % len(made))
        if backend is MARIADB:  # no cheap copy: build this test's own
            project = OldProject(root, series, backend, **options)
            made.append(project)
            project.build()
            if swapped:
                project.swap()
            return project
        if key not in built:
            template = OldProject(factory.mktemp("template"), series, backend, **options)
            built[key] = template
            template.build()
            if swapped:
                template.swap()
        project = built[key].copy_to(root)
        made.append(project)
        return project

    yield make
    for project in made:
        project.drop_databases()

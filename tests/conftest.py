"""How the suite spreads over pytest-xdist workers (`python -m pytest -n auto`, `--dist loadgroup` from
pyproject.toml).

Tests that share an expensive session or module fixture run on one worker, so that it is built once: the
adoption tests' template projects, the doctor's template projects, --finish's swapped template project, and each sample's swapped copy in
test_samples.py. The slow end-to-end runs are handed out first, so that no worker is left with one at the end.
"""

from __future__ import annotations

import pytest

DOCTOR_TEMPLATES = {"unswapped", "pending", "swapped"}


def shared_fixture_group(item: pytest.Item) -> str | None:
    """The xdist group of a test that uses an expensive shared fixture, else None."""
    fixtures = set(getattr(item, "fixturenames", ()))
    if "old_project" in fixtures:
        return "adoption-templates"
    if "finish_template" in fixtures:
        return "finish-template"
    if item.path.parent.name == "doctor" and fixtures & DOCTOR_TEMPLATES:
        return "doctor-templates"
    if item.path.name == "test_samples.py" and "swapped" in fixtures:
        return "sample-%s" % item.callspec.params["swapped"]
    return None


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        group = shared_fixture_group(item)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: slow ones first

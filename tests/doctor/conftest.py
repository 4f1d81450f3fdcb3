"""Session templates: MINI migrated with two users (`unswapped`), after swap_user (`pending`), adopted (`swapped`)."""

from __future__ import annotations

import shutil

import pytest

from codemods.swap_user.main import main as swap_user

from ..projects import write_project
from .tools import SEED, manage, shell


@pytest.fixture(scope="session")
def unswapped(tmp_path_factory):
    root = write_project(tmp_path_factory.mktemp("templates") / "unswapped")
    assert manage(root, "migrate", "-v", "0").returncode == 0
    ran = shell(root, SEED)
    assert ran.returncode == 0, ran.output
    return root


@pytest.fixture(scope="session")
def pending(unswapped, tmp_path_factory):
    root = tmp_path_factory.mktemp("templates") / "pending"
    shutil.copytree(unswapped, root)
    assert swap_user([str(root), "--no-branch", "-q"]) == 0
    return root


@pytest.fixture(scope="session")
def swapped(pending, tmp_path_factory):
    root = tmp_path_factory.mktemp("templates") / "swapped"
    shutil.copytree(pending, root)
    ran = manage(root, "migrate", "-v", "0")
    assert ran.returncode == 0, ran.output
    return root

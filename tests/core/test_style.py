"""The project's style is read from every file its formatter, import sorter and linters read it from."""

from __future__ import annotations

import os
import sqlite3
import sys
import textwrap
from pathlib import Path

import pytest

from codemods.core.style import (
    ProjectStyle,
    file_header,
    license_header,
    precommit_hooks,
    read_style,
)


def project(tmp_path: Path, **files: str) -> Path:
    for name, text in files.items():
        path = tmp_path / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def style_of(tmp_path: Path, **files: str) -> ProjectStyle:
    return read_style(project(tmp_path, **files))


def test_nothing_configured_is_blacks_defaults(tmp_path):
    style = style_of(tmp_path)
    assert style == ProjectStyle(tools=style.tools)
    assert style.generated_line_length == 88


def test_ruff_toml_top_level_line_length_and_format_table(tmp_path):
    style = style_of(
        tmp_path,
        **{"ruff.toml": """\
        line-length = 120

        [format]
        quote-style = "single"
        """},
    )
    assert (style.line_length, style.single_quotes, style.formatters) == (120, True, ("ruff",))


def test_dot_ruff_toml_wins_over_pyproject(tmp_path):
    style = style_of(
        tmp_path,
        **{
            ".ruff.toml": "line-length = 99\n",
            "pyproject.toml": """\
        [tool.ruff]
        line-length = 120
        """,
        },
    )
    assert style.line_length == 99
    assert style.formatters == ()  # ruff check alone: its line length is the linter's limit


def test_pyproject_tool_ruff_format_single_quotes(tmp_path):
    style = style_of(
        tmp_path,
        **{"pyproject.toml": """\
        [tool.ruff]
        line-length = 100

        [tool.ruff.format]
        quote-style = "single"
        """},
    )
    assert (style.line_length, style.single_quotes, style.formatters) == (100, True, ("ruff",))


def test_ruff_format_without_a_line_length_is_88_whatever_flake8_says(tmp_path):
    style = style_of(
        tmp_path, **{"ruff.toml": "[format]\n", "setup.cfg": "[flake8]\nmax-line-length = 90\n"}
    )
    assert style.line_length == 88


def test_ruff_extends_a_shared_configuration(tmp_path):
    style = style_of(
        tmp_path,
        **{
            "base.toml": "line-length = 110\n[format]\nquote-style = 'single'\n",
            "ruff.toml": "extend = 'base.toml'\n[lint]\nselect = ['E', 'I']\n",
        },
    )
    assert (style.line_length, style.single_quotes, style.import_sorter) == (110, True, "ruff")


def test_tool_ruff_lint_isort(tmp_path):
    style = style_of(
        tmp_path,
        **{"pyproject.toml": """\
        [tool.ruff.lint]
        select = ["E", "F", "I"]

        [tool.ruff.lint.isort]
        combine-as-imports = true
        force-sort-within-sections = true
        known-first-party = ["coldfront", "plugins"]
        lines-after-imports = 2
        order-by-type = false
        """},
    )
    assert style.import_sorter == "ruff"
    assert (style.combine_as, style.force_sort_within_sections, style.order_by_type) == (
        True,
        True,
        False,
    )
    assert style.first_party == {"coldfront", "plugins"}
    assert style.lines_after_imports == 2


def test_ruff_toml_lint_isort_force_single_line(tmp_path):
    style = style_of(
        tmp_path,
        **{"ruff.toml": """\
        [lint]
        extend-select = ["I001"]

        [lint.isort]
        force-single-line = true
        """},
    )
    assert (style.import_sorter, style.force_single_line) == ("ruff", True)


def test_ruff_without_the_isort_rules_leaves_sorting_to_isort(tmp_path):
    style = style_of(
        tmp_path,
        **{"pyproject.toml": """\
        [tool.ruff.lint]
        select = ["F", "E", "W"]

        [tool.isort]
        profile = "black"
        combine_as_imports = true
        known_first_party = ["wger"]
        lines_after_imports = 2
        """},
    )
    assert (style.import_sorter, style.combine_as, style.lines_after_imports) == ("isort", True, 2)
    assert style.first_party == {"wger"}


@pytest.mark.parametrize(
    "name, text, expected",
    [
        ("setup.cfg", "[flake8]\nmax-line-length = 110\n", 110),
        (
            "setup.cfg",
            "[metadata]\nname = x\n\n[flake8]\nmax_line_length=100\nexclude = */migrations/*\n",
            100,
        ),
        ("tox.ini", "[tox]\nenvlist = py312\n\n[flake8]\nmax-line-length = 119\n", 119),
        (".flake8", "[flake8]\nextend-ignore =\n    E203,\n    W503\nmax-line-length = 179\n", 179),
        ("tox.ini", "[tox]\nenvlist = py312\n", None),
    ],
)
def test_flake8_line_length(tmp_path, name, text, expected):
    assert style_of(tmp_path, **{name: text}).line_length == expected


def test_tool_black(tmp_path):
    style = style_of(tmp_path, **{"pyproject.toml": "[tool.black]\nline-length = 100\n"})
    assert (style.line_length, style.formatters, style.single_quotes) == (100, ("black",), False)


def test_black_and_ruff_format_the_shorter_line_and_double_quotes(tmp_path):
    style = style_of(
        tmp_path,
        **{"pyproject.toml": """\
        [tool.black]
        line-length = 99

        [tool.ruff]
        line-length = 120

        [tool.ruff.format]
        quote-style = "single"
        """},
    )
    assert (style.line_length, style.formatters, style.single_quotes) == (
        99,
        ("ruff", "black"),
        False,
    )


@pytest.mark.parametrize(
    "name, text, combine_as, single_line, within, after",
    [
        ("pyproject.toml", "[tool.isort]\nprofile = 'django'\n", True, False, False, 1),
        ("pyproject.toml", "[tool.isort]\nprofile = 'google'\n", False, True, True, 1),
        (
            "setup.cfg",
            "[isort]\nprofile = black\nforce_single_line = True\n",
            False,
            True,
            False,
            1,
        ),
        (
            "setup.cfg",
            "[tool:isort]\ncombine_as_imports = true\nlines_after_imports = 2\n",
            True,
            False,
            False,
            2,
        ),
        ("tox.ini", "[isort]\nforce_sort_within_sections = 1\n", False, False, True, 1),
        (".isort.cfg", "[settings]\nprofile = plone\n", False, True, False, 2),
    ],
)
def test_isort_settings_and_profiles(tmp_path, name, text, combine_as, single_line, within, after):
    style = style_of(tmp_path, **{name: text})
    assert style.import_sorter == "isort"
    assert (style.combine_as, style.force_single_line, style.force_sort_within_sections) == (
        combine_as,
        single_line,
        within,
    )
    assert style.lines_after_imports == after


def test_editorconfig_max_line_length_for_python(tmp_path):
    style = style_of(
        tmp_path,
        **{".editorconfig": """\
        # top-most EditorConfig file
        root = true

        [*]
        indent_style = space

        [*.{py,pyi}]
        max_line_length = 100

        [*.js]
        max_line_length = 80
        """},
    )
    assert style.line_length == 100


def test_pre_commit_hooks_say_which_tools_run(tmp_path):
    root = project(
        tmp_path,
        **{".pre-commit-config.yaml": """\
        exclude: '^static/'
        repos:
            - repo: https://github.com/psf/black-pre-commit-mirror
              rev: 26.5.1
              hooks:
                  - id: black
            - repo: https://github.com/astral-sh/ruff-pre-commit
              rev: "v0.16.3"  # frozen
              hooks:
                  - id: ruff-check
                    args: ["--fix"]
                  - id: ruff-format
            - repo: https://github.com/pycqa/isort
              rev: 6.0.1
              hooks:
                  - id: isort
            - repo: https://github.com/fsfe/reuse-tool
              rev: v5.0.2
              hooks:
                  - id: reuse
        """},
    )
    hooks = [(h.id, h.rev) for h in precommit_hooks(root)]
    assert hooks == [
        ("black", "26.5.1"),
        ("ruff-check", "v0.16.3"),
        ("ruff-format", "v0.16.3"),
        ("isort", "6.0.1"),
        ("reuse", "v5.0.2"),
    ]
    style = read_style(root)
    assert (style.formatters, style.import_sorter, style.line_length) == (
        ("ruff", "black"),
        "isort",
        88,
    )


def test_tools_found_in_the_projects_virtualenv(tmp_path):
    root = project(
        tmp_path,
        **{
            "ruff.toml": "[format]\n[lint]\nselect = ['I']\n",
            ".venv__pyvenv.cfg": "",
            ".venv__bin__ruff": "#!/bin/sh\n",
        },
    )
    os.chmod(root / ".venv" / "bin" / "ruff", 0o755)
    assert read_style(root).tool("ruff") == str(root / ".venv" / "bin" / "ruff")


# -- license headers --------------------------------------------------------------------------------------

SPDX = "# SPDX-FileCopyrightText: (C) ColdFront Authors\n#\n# SPDX-License-Identifier: AGPL-3.0-or-later\n"


def test_header_is_the_first_comment_block():
    assert file_header(SPDX + "\nimport os\n") == tuple(SPDX.splitlines())
    assert file_header("#!/usr/bin/env python\n" + SPDX + "\n'''doc'''\n") == tuple(
        SPDX.splitlines()
    )
    assert file_header("# -*- coding: utf-8 -*-\nimport os\n") == ("# -*- coding: utf-8 -*-",)
    assert file_header("# -*- coding: utf-8 -*-\n\n# Copyright 2020 Acme\n\nimport os\n") == (
        "# -*- coding: utf-8 -*-",
        "",
        "# Copyright 2020 Acme",
    )
    assert file_header("# Standard Library\nimport os\n") == ()  # the comment of the first import
    assert file_header('"""Docstring."""\n# comment\n') == ()


def test_spdx_header_shared_by_the_package_the_app_goes_into(tmp_path):
    root = project(
        tmp_path,
        **{
            "proj__core____init__.py": SPDX,
            "proj__core__user__models.py": SPDX + "\nfrom django.db import models\n",
            "proj__core__user__tests____init__.py": "",  # empty: no header needed, nothing to read
            "proj__core__user__migrations__0001_initial.py": "# Generated by Django 4.2\n",
            "proj__core__grant__views.py": SPDX.replace("ColdFront Authors", "2021 Someone Else")
            + "\nx = 1\n",
            "proj__core__grant__urls.py": SPDX + "\nurlpatterns = []\n",
        },
    )
    assert license_header(root / "proj" / "core", root) == tuple(SPDX.splitlines())


def test_copyright_block_with_varying_years(tmp_path):
    block = "# Copyright (C) {} Acme Inc.\n#\n# Licensed under the Apache License, Version 2.0\n"
    root = project(
        tmp_path,
        **{
            "app__a.py": block.format(2019) + "\nimport os\n",
            "app__b.py": block.format(2023) + '\n"""B."""\n',
            "app__c.py": block.format(2023) + "\nx = 1\n",
        },
    )
    assert license_header(root / "app", root) == tuple(block.format(2023).splitlines())


def test_no_header_when_one_file_lacks_it(tmp_path):
    root = project(
        tmp_path,
        **{
            "app__a.py": "# -*- coding: utf-8 -*-\nimport os\n",
            "app__b.py": "import os\n",
        },
    )
    assert license_header(root / "app", root) == ()
    assert read_style(root, root / "app").header == ()


def test_tools_found_where_pre_commit_installed_the_projects_hook(tmp_path, monkeypatch):
    root = project(
        tmp_path / "proj",
        **{".pre-commit-config.yaml": """\
        repos:
          - repo: https://github.com/astral-sh/ruff-pre-commit
            rev: v0.16.3
            hooks:
              - id: ruff-format
        """},
    )
    home = tmp_path / "cache"
    hook_env = home / "repo1234" / "py_env-python3.12" / "bin"
    hook_env.mkdir(parents=True)
    (hook_env / "ruff").write_text("#!/bin/sh\n")
    os.chmod(hook_env / "ruff", 0o755)
    with sqlite3.connect(home / "db.db") as db:
        db.execute("CREATE TABLE repos (repo TEXT, ref TEXT, path TEXT)")
        db.execute(
            "INSERT INTO repos VALUES (?, ?, ?)",
            ("https://github.com/astral-sh/ruff-pre-commit", "v0.16.3", str(home / "repo1234")),
        )
    monkeypatch.setenv("PRE_COMMIT_HOME", str(home))
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "elsewhere" / "python"))
    assert read_style(root).tool("ruff") == str(hook_env / "ruff")

"""The transforms' wants_tree(): asked of the one C-parser tree the runner makes of a selected file, it keeps
LibCST from parsing a file the text's pattern matched but where the transform has nothing to do."""

from __future__ import annotations

import ast
import textwrap

import libcst
import pytest

from codemods.core import runner
from codemods.core.runner import Job, run_job
from codemods.core.transform import FileInfo
from codemods.swap_user.options import SwapOptions
from codemods.swap_user.transforms.admin_layout import AdminLayout
from codemods.swap_user.transforms.model_strings import ModelStrings

OPTIONS = SwapOptions()
FILE = FileInfo("blog/tests.py", "python", "blog.tests", False)


@pytest.mark.parametrize(
    "source, model_strings, admin_layout",
    [
        (
            'HEADERS = {"header_name": "Auth"}',
            False,
            False,
        ),  # the patterns match; neither has anything here
        ('TITLE = " auth "', False, False),  # both compare "auth" as it is written
        ('LABEL = "auth"', True, True),
        ('MODEL = "auth.User"', True, False),
        (
            'MODEL = "auth." "user"',
            True,
            False,
        ),  # one constant to the C parser, as to LibCST's evaluated_value
        ('m = apps.get_model("auth", "User")', True, True),
        ('SECTION = "Authentication and Authorization" " (admin)"', False, True),
        ('B = b"auth.user"', False, False),
    ],
)
def test_wants_tree(source, model_strings, admin_layout):
    tree = ast.parse(source)
    assert ModelStrings.wants_tree(tree, OPTIONS, FILE) is model_strings
    assert AdminLayout.wants_tree(tree, OPTIONS, FILE) is admin_layout


def test_a_file_no_transform_wants_after_its_tree_is_not_parsed_by_libcst(monkeypatch):
    text = textwrap.dedent("""\
        from rest_framework.test import APITestCase


        class HeadersTest(APITestCase):
            def test_header(self):
                self.assertEqual(self.client.get("/").headers["X-Realm"], "Auth")
        """)
    assert ModelStrings.wants(text, OPTIONS, FILE) and AdminLayout.wants(text, OPTIONS, FILE)

    def parse_module(*args, **kwargs):
        raise AssertionError("LibCST parsed a file no transform wants")

    monkeypatch.setattr(runner.cst, "parse_module", parse_module)
    result = run_job(Job(FILE, text, (ModelStrings, AdminLayout)), OPTIONS)
    assert (result.crash, result.error, result.new_text, result.notes) == (None, None, text, [])
    assert runner.cst is libcst

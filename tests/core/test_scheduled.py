"""core/scheduled.py: imports scheduled as LibCST's import visitors schedule them, without libcst.codemod."""

import subprocess
import sys

import libcst as cst
from libcst.metadata import MetadataWrapper

from codemods.core import scheduled


def test_imports_to_add_are_items_as_libcst_has_them():
    context = scheduled.Context()
    scheduled.add_needed_import(context, "django.conf", "settings")
    scheduled.add_needed_import(context, "..models", "Profile", asname="P")
    first, second = context.scratch[scheduled.ADD]
    assert (first.module, first.obj_name, first.alias, first.relative) == (
        "django.conf",
        "settings",
        None,
        0,
    )
    assert (second.module_name, second.module, second.relative) == ("models", "..models", 2)


def test_an_import_removed_by_node_schedules_its_names_from_the_absolute_module():
    context = scheduled.Context(full_package_name="blog.views")
    node = cst.parse_statement("from ..models import Post as P, Tag\n").body[0]
    scheduled.remove_unused_import_by_node(context, node)
    assert context.scratch[scheduled.REMOVE] == [
        ("blog.models", "Post", "P"),
        ("blog.models", "Tag", None),
    ]


def test_another_node_removed_schedules_the_imports_it_used():
    module = cst.parse_module(
        "from django.contrib import admin\nfrom .models import Post\n\nadmin.site.register(Post)\n"
    )
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    context = scheduled.Context(full_package_name="blog", wrapper=wrapper)
    call = wrapper.module.body[-1].body[0]
    scheduled.remove_unused_import_by_node(context, call)
    assert sorted(context.scratch[scheduled.REMOVE]) == [
        ("blog.models", "Post", None),
        ("django.contrib", "admin", None),
    ]


def test_an_import_with_an_alias_is_added_by_libcst():
    context = scheduled.Context(full_package_name="blog")
    tree = cst.parse_module("import os\n\nx = 1\n")
    items = [scheduled.ImportItem("django.contrib.auth", "get_user_model", "gum")]
    added = scheduled.add_imports(context, tree, items)
    assert "from django.contrib.auth import get_user_model as gum\n" in added.code


def test_the_tool_starts_without_libcst_codemod():
    code = (
        "import sys, codemods.swap_user.main, codemods.merge_profile.main\n"
        "print(sorted(m for m in sys.modules if m.startswith(('libcst.codemod', 'libcst.matchers'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_an_attribute_s_own_name_or_a_keyword_is_not_a_use_of_an_import():
    module = cst.parse_module(
        "import django.contrib.auth.forms\nfrom django import forms\nfrom .x import site\n\n"
        "FORM = django.contrib.auth.forms.UserChangeForm(site=1)\n"
    )
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    context = scheduled.Context(full_package_name="blog", wrapper=wrapper)
    scheduled.remove_unused_import_by_node(context, wrapper.module.body[-1].body[0].value)
    assert context.scratch[scheduled.REMOVE] == [("django.contrib.auth.forms", None, None)]

"""check_transformed(before, after) / check_noop(src) for one transform, the way django-upgrade tests fixers."""

from __future__ import annotations

import ast
import os
import textwrap
from contextlib import contextmanager
from dataclasses import replace

from codemods.core.files import TEMPLATE, role_of
from codemods.core.runner import FULL_SCOPE, Job, run_job
from codemods.core.style import ProjectStyle
from codemods.core.transform import FileInfo
from codemods.swap_user.options import SwapOptions
from codemods.swap_user.transforms import TRANSFORMS

# Every transform of a template, in the runner's order, for templates that hold several kinds of reference.
TEMPLATE_TRANSFORMS = tuple(t for t in TRANSFORMS if TEMPLATE in t.ROLES)
# The project in tests; reflowing of long lines (core/wrap.py) is tested on its own.
DEFAULT_OPTIONS = SwapOptions(
    style=ProjectStyle(first_party=frozenset({"accounts", "blog"}), line_length=10_000)
)


def _info(path: str, role: str | None, module: str | None, settings: bool) -> FileInfo:
    role = role or role_of(path, frozenset({path}) if settings else frozenset())
    if module is None and path.endswith(".py"):
        parts = path[:-3].split("/")
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        module = ".".join(parts)
    else:
        is_package = path.endswith("__init__.py")
    return FileInfo(path, role, module, is_package)


def apply(
    transform,
    source,
    *,
    path="blog/models.py",
    role=None,
    module=None,
    options=None,
    settings=False,
    prefilter=True,
):
    """(new text, result) of running one transform (or a tuple of them, in one traversal) the way the runner does.

    With prefilter=False every transform for the file's role runs, whatever its `wants()` says of the text.
    """
    options = options or DEFAULT_OPTIONS
    info = _info(path, role, module, settings)
    text = textwrap.dedent(source)
    transforms = transform if isinstance(transform, tuple) else (transform,)
    if prefilter:
        wanted = tuple(t for t in transforms if t.wants(text, options, info))
    else:
        wanted = tuple(t for t in transforms if info.role in t.ROLES)
    if not wanted:
        return text, None
    result = run_job(Job(info, text, wanted), options, options.style)
    assert result.crash is None, result.crash
    assert result.error is None, result.error
    # The light name resolution (core/light_scope.py) must answer as LibCST's ScopeProvider does.
    with _full_scope():
        exact = run_job(Job(info, text, wanted), options, options.style)
    assert (exact.new_text, exact.notes, exact.facts) == (
        result.new_text,
        result.notes,
        result.facts,
    )
    return result.new_text, result


@contextmanager
def _full_scope():
    old = os.environ.get(FULL_SCOPE)
    os.environ[FULL_SCOPE] = "1"
    try:
        yield
    finally:
        if old is None:
            del os.environ[FULL_SCOPE]
        else:
            os.environ[FULL_SCOPE] = old


def _outcome(new, result):
    return new, notes_of(result), list(result.facts) if result else []


def _same_without_prefilter(transform, source, new, result, **kw):
    """The transform run on the file whatever `wants()` says gives what the runner's selection gave: the
    prefilter is a superset of what the transform acts on (a change, a note or a fact)."""
    unfiltered = _outcome(*apply(transform, source, prefilter=False, **kw))
    assert unfiltered == _outcome(new, result), "wants() turned away a file the transform acts on"


def check_noop(transform, source, **kw):
    text = textwrap.dedent(source)
    new, result = apply(transform, source, **kw)
    assert new == text
    _same_without_prefilter(transform, source, new, result, **kw)
    return result


def check_transformed(transform, before, after, **kw):
    expected = textwrap.dedent(after)
    new, result = apply(transform, before, **kw)
    assert new == expected
    _same_without_prefilter(transform, before, new, result, **kw)
    if kw.get("path", "blog/models.py").endswith(".py"):
        ast.parse(expected)
    again, _ = apply(transform, new, **kw)
    assert again == new, "a second run changed the file again"
    return result


def notes_of(result) -> list[str]:
    return [str(n) for n in (result.notes if result else [])]


def options(**kw) -> SwapOptions:
    return replace(DEFAULT_OPTIONS, **kw)


def styled(**kw) -> SwapOptions:
    """The test project's options with some of its style changed."""
    return replace(DEFAULT_OPTIONS, style=replace(DEFAULT_OPTIONS.style, **kw))

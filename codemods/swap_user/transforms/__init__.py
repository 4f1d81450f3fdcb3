"""The swap_user transforms: one module per reference kind, each class declaring itself (core/registry.py).

On one file the runner applies the text ones first, then the Python ones in one traversal, in TRANSFORMS' order:
user_class (RUNS_LAST) is the last Python one, so it sees which uses of User the others consumed.
"""

from __future__ import annotations

from ...core import registry

TRANSFORMS: list[type] = registry.discover(__name__)
TITLES: dict[str, str] = registry.titles(TRANSFORMS)

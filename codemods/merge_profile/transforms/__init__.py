"""The merge_profile transforms: one module per kind of use of the profile, each class declaring itself
(core/registry.py).

On one file the runner applies the Python ones in one traversal, in TRANSFORMS' order (user_fields first, then the
profile's layer and notes, then the rewrites of code that reads it), then the text ones (templates, fixtures).
"""

from __future__ import annotations

from ...core import registry

TRANSFORMS: list[type] = registry.discover(__name__)
TITLES: dict[str, str] = registry.titles(TRANSFORMS)

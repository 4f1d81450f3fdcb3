"""The transforms of a command, found in its package instead of listed: each declares itself on its class.

`discover(package)` imports every module of the package (a module whose name starts with `_` holds helpers) and
takes the PythonTransform and TextTransform subclasses each defines. They are ordered by what they declare
(core/transform.py's Declared): the Python ones first, then the text ones (the runner applies the two families
to a file apart); within a family, each after the transforms named in its RUNS_AFTER, a RUNS_LAST one after all
the others, and otherwise in the order they are found (by module name, then as defined in the module). That order
is the order of the traversal on one file and of the description's rows.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Iterable, Sequence

from .transform import PythonTransform, TextTransform, transform_name

FAMILIES = (PythonTransform, TextTransform)


def discover(package: str) -> list[type]:
    """The package's transforms, in the order they run; every name has a TITLE."""
    found = []
    for info in sorted(pkgutil.iter_modules(importlib.import_module(package).__path__)):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module("%s.%s" % (package, info.name))
        found += [
            obj
            for obj in vars(module).values()
            if isinstance(obj, type)
            and issubclass(obj, FAMILIES)
            and obj.__module__ == module.__name__
            and not obj.__name__.startswith("_")
        ]
    transforms = ordered(found)
    # A missing or a second title is a mistake found at import, not in a description.
    titles(transforms)
    return transforms


def ordered(classes: Sequence[type]) -> list[type]:
    """The classes in the order their RUNS_AFTER and RUNS_LAST ask for; ties keep the order given."""
    names = {transform_name(cls) for cls in classes}
    for cls in classes:
        unknown = sorted(set(cls.RUNS_AFTER) - names)
        if unknown:
            raise ValueError("%s runs after no transform named %s" % (cls.__name__, unknown))
    out: list[type] = []
    for family in FAMILIES:
        pending = [cls for cls in classes if issubclass(cls, family)]
        after = {
            cls: {
                other
                for other in pending
                if other is not cls
                and (
                    transform_name(other) in cls.RUNS_AFTER
                    or (cls.RUNS_LAST and not other.RUNS_LAST)
                )
            }
            for cls in pending
        }
        done: list[type] = []
        while pending:
            ready = next((cls for cls in pending if after[cls] <= set(done)), None)
            if ready is None:
                raise ValueError(
                    "the transforms %s run after one another in a circle"
                    % ", ".join(cls.__name__ for cls in pending)
                )
            done.append(ready)
            pending.remove(ready)
        out += done
    return out


def titles(transforms: Iterable[type]) -> dict[str, str]:
    """name -> title (the description's row for the changes of every transform of that name), in their order."""
    declared: dict[str, str] = {}
    order: list[str] = []
    for cls in transforms:
        name = transform_name(cls)
        if name not in order:
            order.append(name)
        title = cls.__dict__.get("TITLE")
        if title is not None:
            if name in declared:
                raise ValueError("two transforms named %s declare a TITLE" % name)
            declared[name] = title
    missing = [name for name in order if name not in declared]
    if missing:
        raise ValueError("no transform named %s declares a TITLE" % ", ".join(missing))
    return {name: declared[name] for name in order}

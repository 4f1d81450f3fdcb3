"""D5: installed third-party apps whose models or migrations hard-code auth.User.

Their files are found where the project's interpreter imports them from, and read with swap_user's own
transforms in check mode; nothing in the project can rewrite them, so each is reported with its package.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ...core.files import MIGRATION, PYTHON, SourceFile
from ...core.project import inside
from ...swap_user.options import SwapOptions
from ...swap_user.transforms import TRANSFORMS as SWAP_USER
from ...swap_user.transforms.migrations import Migrations
from ...swap_user.transforms.model_fields import ModelFields
from ...swap_user.transforms.model_strings import ModelStrings
from ...swap_user.transforms.signals import Signals
from ...swap_user.transforms.user_class import UserClass
from .. import rewrites
from ..context import Context
from ..findings import ERROR, WARNING, Finding

# The transforms that read models and migrations, in swap_user's order.
TRANSFORMS = [
    t for t in SWAP_USER if t in (ModelFields, Signals, ModelStrings, Migrations, UserClass)
]


def app_files(folder: Path) -> list[SourceFile]:
    """The models and migrations of an app folder, relative to it."""
    out = []
    if (folder / "models.py").is_file():
        out.append(SourceFile("models.py", PYTHON))
    for sub, role in (("models", PYTHON), ("migrations", MIGRATION)):
        base = folder / sub
        if base.is_dir():
            out += [
                SourceFile(p.relative_to(folder).as_posix(), role)
                for p in sorted(base.rglob("*.py"))
                if "__pycache__" not in p.parts
            ]
    return out


def check(ctx: Context) -> Iterator[Finding]:
    located = ctx.third_party
    options = SwapOptions(label=ctx.user_label, app_module=ctx.swap_app.module)
    for module, where in sorted(located.items()):
        if not where.path:
            continue
        folder = Path(where.path)
        if not folder.is_dir() or inside(folder, ctx.project.root):
            continue

        def module_of(path: str, base=module) -> tuple[str | None, bool]:
            parts = [base, *Path(path).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            return ".".join(parts), path.endswith("__init__.py")

        found = rewrites.scan_folder(
            folder, app_files(folder), TRANSFORMS, options, module_of, processes=1
        )
        by_file: dict[str, list[rewrites.Site]] = {}
        for site in found.sites:
            by_file.setdefault(site.path, []).append(site)
        for path, sites in sorted(by_file.items()):
            # The uses first: an import of auth's User says less than what is done with it.
            sites.sort(key=lambda s: (s.transform == "user_class", s.line))
            yield _finding(ctx, module, where, folder, path, sites)


def _finding(ctx: Context, module: str, where, folder: Path, path: str, sites) -> Finding:
    shown = "; ".join("line %d `%s`" % (s.line, s.snippet) for s in sites[:3])
    if len(sites) > 3:
        shown += "; and %d more" % (len(sites) - 3)
    migration = "/migrations/" in "/" + path
    if ctx.swapped:
        why = (
            "its migration pins auth.User: on fresh and test databases it breaks, and makemigrations keeps "
            "proposing a migration inside the package"
            if migration
            else "its models break after the swap (fields.E301 for a relation to auth's User, Manager isn't available "
            "for its queries)"
        )
    else:
        why = "after the swap it will break the same way as the project's own references would"
    why += "; no rewrite of this project can change an installed package"
    return Finding(
        "D501",
        ERROR if ctx.swapped else WARNING,
        "installed app %s (%s) hard-codes auth.User in %s: %s"
        % (module, where.package, path, shown),
        why,
        "upgrade %s to a release that uses settings.AUTH_USER_MODEL, or replace or fork it%s"
        % (where.dist or module, "" if ctx.swapped else ", before the swap"),
        path=str(folder / path),
        line=sites[0].line,
    )

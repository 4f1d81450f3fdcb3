"""From the facts to the options of every transform, and from their results to the plans."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.files import read_text
from ..core.fmt import format_created, restyle_rewritten
from ..core.notes import Note
from ..core.plan import Plan
from ..core.project import Project
from ..core.runner import FileResult
from ..core.style import read_style
from . import datamigration, index
from .moves import Move, move_notes, plan_moves
from .options import MergeOptions, MovedField
from .preflight import Refusal

LAYER = "merged_fields.py"


@dataclass
class Merge:
    """One merge: the user model, the profile, the fields that move, and where the generated files go."""

    project: Project
    user: dict
    profile: dict
    moves: list[Move]
    options: MergeOptions
    user_path: str  # the user model's module, relative to the root
    profile_path: str
    notes: list[Note] = field(default_factory=list)

    @property
    def profile_app_dir(self) -> str:
        return self.project.rel(Path(self.profile["app_path"]))

    @property
    def user_app_path(self) -> Path:
        return Path(self.user["app_path"])

    @property
    def layer_path(self) -> str:
        return "%s/%s" % (self.profile_app_dir, LAYER)

    @property
    def data_migration_path(self) -> str:
        return "%s/migrations/%s.py" % (
            self.profile_app_dir,
            datamigration.data_migration_name(self.profile),
        )

    @property
    def user_migration(self) -> str:
        return datamigration.user_migration_name(self.user, self.profile)


def _rel(project: Project, path: str) -> str:
    return project.rel(Path(path).resolve())


def prepare(project: Project, facts: dict, profile: dict, python: str | None = None) -> Merge:
    user = facts["user"]
    user_path, profile_path = _rel(project, user["source"][0]), _rel(project, profile["source"][0])
    user_text, profile_text = read_text(project.root, user_path), read_text(
        project.root, profile_path
    )
    if user_text is None or profile_text is None:
        raise Refusal("cannot read %s" % (user_path if user_text is None else profile_path))
    first_party = frozenset(
        m.split(".")[0]
        for m in (
            project.module_name(project.root / f.path)
            for f in project.files
            if f.path.endswith(".py")
        )
        if m
    )
    style = read_style(project.root, (project.root / profile_path).parent, first_party, python)
    moves = plan_moves(
        profile,
        profile_text,
        user_text,
        user["module"],
        profile["module"],
        first_party,
        style,
        user.get("model_name", "user"),
    )
    python = [
        f.path for f in project.files if f.path.endswith(".py") and "migrations" not in f.parts
    ]

    def module_of(path: str) -> tuple[str | None, bool]:
        return project.module_name(project.root / path), path.endswith("__init__.py")

    def read(path: str) -> str | None:
        return read_text(project.root, path)

    aliases = index.reexports(python, module_of, read, profile["module"], profile["qualname"])
    forms = index.profile_forms(
        python,
        module_of,
        read,
        profile["module"],
        profile["qualname"],
        aliases,
    )
    options = MergeOptions(
        user_label=user["label"],
        user_module=user["module"],
        user_class=user["qualname"],
        profile_label=profile["label"],
        profile_module=profile["module"],
        profile_aliases=aliases,
        profile_class=profile["qualname"],
        link=profile["link"]["name"],
        accessor=profile["link"]["accessor"],
        link_pk=bool(profile["link"].get("primary_key")),
        link_to_field=profile["link"].get("to_field"),
        username_field=user.get("username_field", "username"),
        layer_module="%s.%s" % (profile["app_module"], LAYER[:-3]),
        accessor_elsewhere=tuple(profile.get("accessor_elsewhere", ())),
        user_relations=frozenset(facts.get("user_relations", ())),
        profile_forms=forms,
        fields=tuple(
            MovedField(
                m.name,
                m.attname,
                m.many_to_many,
                m.definition,
                tuple((i.module, i.name, i.alias) for i in m.imports),
                m.choices,
                tuple(m.helpers),
            )
            for m in moves
        ),
        first_party=first_party,
        style=style,
    )
    merge = Merge(project, user, profile, moves, options, user_path, profile_path)
    merge.notes = move_notes(moves, profile_path, user["label"])
    return merge


def collect(merge: Merge, results: list[FileResult]) -> tuple[Plan, Plan]:
    """(the user model's edit, written before Django's makemigrations; everything else, written after it:
    makemigrations must see the profile as it was, or it would also write the profile's removals).
    """
    root, style = merge.project.root, merge.options.style
    first, second = Plan(root), Plan(root)
    rewritten = {
        r.path: r.new_text
        for r in results
        if r.changed and r.path.endswith(".py") and r.encoding == "utf-8"
    }
    restyled = restyle_rewritten(root, rewritten, style)
    for r in results:
        merge.notes.extend(r.notes)
        if r.changed:
            plan = first if r.path == merge.user_path else second
            plan.edit(r.path, r.old_text, restyled.get(r.path, r.new_text), r.encoding)
    for path, plan, cls in (
        (merge.user_path, first, merge.user),
        (merge.profile_path, second, merge.profile),
    ):
        if path not in plan.edits:
            raise Refusal("%s: no module-level class %s to edit there" % (path, cls["qualname"]))
    if not (root / merge.layer_path).exists():
        layer = datamigration.render_layer(merge.user, merge.profile, style)
        second.create(merge.layer_path, format_created(root, merge.layer_path, layer, style))
    migration = datamigration.render_migration(merge.user, merge.profile, merge.moves, style)
    second.create(
        merge.data_migration_path, format_created(root, merge.data_migration_path, migration, style)
    )
    merge.notes = sorted(set(merge.notes))
    return first, second

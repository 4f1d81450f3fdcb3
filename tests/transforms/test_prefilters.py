"""Every prefilter is a superset of what its transform acts on: on the sample projects' files, the transforms run
whatever their `wants()` says change, note and report what the runner's selection gives."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path, PurePosixPath

import pytest

from codemods.core.files import SETTINGS, project_files, read_source
from codemods.core.runner import FileResult, Job, run_job
from codemods.core.transform import FileInfo
from codemods.swap_user.transforms import TRANSFORMS

from .tools import DEFAULT_OPTIONS as OPTIONS

SAMPLES = Path(__file__).resolve().parents[2] / "sample_repos"


@pytest.mark.parametrize("name", ["bookclub", "helpdesk", "newsroom"])
def test_every_prefilter_is_a_superset_on_a_sample(name):
    root = SAMPLES / name
    every = [f.path for f in project_files(root)]
    settings = frozenset(
        p
        for p in every
        if p.endswith(".py")
        and (PurePosixPath(p).stem == "settings" or "settings" in PurePosixPath(p).parts[:-1])
    )
    files = project_files(root, settings, every)
    acted = 0
    for f in files:
        source = read_source(root, f.path)
        info = FileInfo(f.path, f.role, module_of(f.path), f.path.endswith("/__init__.py"))
        every_one = tuple(t for t in TRANSFORMS if f.role in t.ROLES)
        wanted = tuple(t for t in every_one if t.wants(source.text, OPTIONS, info))
        selected = (
            _outcome(run_job(Job(info, source.text, wanted), OPTIONS, OPTIONS.style))
            if wanted
            else (source.text, [], [])
        )
        assert (
            _outcome(run_job(Job(info, source.text, every_one), OPTIONS, OPTIONS.style)) == selected
        ), ("%s: wants() turned away a file a transform acts on" % f.path)
        acted += selected != (source.text, [], [])
    assert acted >= 5 and any(f.role == SETTINGS for f in files)


def module_of(path: str) -> str | None:
    if not path.endswith(".py"):
        return None
    parts = path[: -len(".py")].split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _outcome(result: FileResult) -> tuple:
    assert result.crash is None and result.error is None, result.crash or result.error
    return result.new_text, [str(n) for n in result.notes], result.facts


def _literal_holders() -> list[tuple[type, str]]:
    return [(t, "plain") for t in TRANSFORMS if t.LITERALS and t.PATTERN is not None] + [
        (t, "folded") for t in TRANSFORMS if t.FOLDED_LITERALS
    ]


@pytest.mark.parametrize(
    "transform, kind", _literal_holders(), ids=lambda v: getattr(v, "__name__", v)
)
def test_every_match_of_a_pattern_holds_one_of_its_literals(transform, kind):
    # A match's own text holds a literal (folded: lowercased), and a folded literal's letters have no case
    # partner outside ASCII under re.IGNORECASE, so `in` on the lowercased text is exact.
    literals = transform.LITERALS if kind == "plain" else transform.FOLDED_LITERALS
    if kind == "folded":
        assert transform.PATTERN.flags & re.IGNORECASE
        letters = "".join(sorted({c for literal in literals for c in literal}))
        assert letters == letters.lower() and not _partners_beyond_ascii(letters)
    matched = 0
    for root, _, names in os.walk(SAMPLES):
        for name in names:
            try:
                text = (Path(root) / name).read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            for match in transform.PATTERN.finditer(text):
                found = match.group(0) if kind == "plain" else match.group(0).lower()
                assert any(literal in found for literal in literals), (name, match.group(0))
                matched += 1
    assert matched


@functools.lru_cache(maxsize=None)
def _partners_beyond_ascii(letters: str) -> list[str]:
    """The characters past ASCII that re.IGNORECASE matches to one of these letters (once per set of letters)."""
    one_of = re.compile("[%s]" % re.escape(letters), re.I)
    return [hex(code) for code in range(128, 0x30000) if one_of.fullmatch(chr(code))]

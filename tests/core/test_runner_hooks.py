"""runner.run's hooks: `finish` gives each result its last touches where the file was rewritten (a worker of the
pool, or this process), `meanwhile` is the caller's own work, done once while the pool runs; select_and_run, which
rewrites while it reads, answers as select() then run()."""

from __future__ import annotations

import os

import pytest

from codemods.core import runner
from codemods.core.files import SourceFile
from codemods.core.runner import FileResult, Job, run, select, select_and_run
from codemods.core.transform import FileInfo
from codemods.swap_user.options import SwapOptions
from codemods.swap_user.transforms.model_strings import ModelStrings

OPTIONS = SwapOptions()


def _jobs(count: int, size: int) -> list[Job]:
    padding = "# %s\n" % ("x" * 70)
    return [
        Job(
            FileInfo("app/m%d.py" % n, "python", "app.m%d" % n, False),
            'MODEL = "auth.User"\n' + padding * (size // len(padding)),
            (ModelStrings,),
        )
        for n in range(count)
    ]


def _mark(result: FileResult) -> FileResult:
    result.laid_out = "%s in %d" % (result.path, os.getpid())
    return result


@pytest.mark.parametrize("processes, size", [(1, 100), (2, runner.POOL_MIN_BYTES // 4)])
def test_finish_runs_where_each_file_was_rewritten_and_meanwhile_once(processes, size):
    calls = []
    results = run(
        _jobs(8, size),
        OPTIONS,
        processes=processes,
        meanwhile=lambda: calls.append(os.getpid()),
        finish=_mark,
    )
    assert calls == [os.getpid()]
    assert [r.laid_out.split(" in ")[0] for r in results] == ["app/m%d.py" % n for n in range(8)]
    assert all(r.changed for r in results)
    workers = {int(r.laid_out.split(" in ")[1]) for r in results}
    if processes == 1:
        assert workers == {os.getpid()}
    else:
        assert os.getpid() not in workers  # in the pool's workers, not here


@pytest.mark.parametrize("processes", [1, 2])
def test_select_and_run_answers_as_select_then_run(tmp_path, processes):
    files = []
    for n in range(12):  # sizes up and down, so that reading largest first is another order
        body = 'MODEL = "auth.User"\n' if n % 3 else "x = 1\n"
        (tmp_path / ("m%02d.py" % n)).write_text(
            body + "# %s\n" % ("y" * 70) * (((n * 7) % 12) * 300)
        )
        files.append(SourceFile("m%02d.py" % n, "python"))
    (tmp_path / "bad.py").write_bytes(b"# -*- coding: ascii -*-\nMODEL = '\xff auth.User'\n")
    files.insert(5, SourceFile("bad.py", "python"))
    files.append(SourceFile("gone.py", "python"))
    module_of = lambda path: (path[:-3], False)  # noqa: E731
    expected = select(tmp_path, files, [ModelStrings], OPTIONS, module_of)
    expected_results = run(expected.jobs, OPTIONS, processes=1, finish=_mark)
    calls = []
    selection, results = select_and_run(
        tmp_path,
        files,
        [ModelStrings],
        OPTIONS,
        module_of,
        processes=processes,
        meanwhile=lambda: calls.append(1),
        finish=_mark,
    )
    assert sum(len(j.text) for j in selection.jobs) > runner.POOL_MIN_BYTES  # enough for a pool
    assert selection == expected
    assert selection.unreadable == ["bad.py", "gone.py"]
    assert [(r.path, r.new_text, r.laid_out.split(" in ")[0]) for r in results] == [
        (r.path, r.new_text, r.laid_out.split(" in ")[0]) for r in expected_results
    ]
    assert calls == [1]
    here = {int(r.laid_out.split(" in ")[1]) == os.getpid() for r in results}
    assert here == {processes == 1}  # with two, every file was rewritten in the pool

"""runner.run's hooks: `finish` gives each result its last touches where the file was rewritten (a worker of the
pool, or this process), `meanwhile` is the caller's own work, done once while the pool runs."""

from __future__ import annotations

import os

import pytest

from codemods.core import runner
from codemods.core.runner import FileResult, Job, run
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


def _mark(job: Job, result: FileResult) -> FileResult:
    result.laid_out = "%s in %d" % (job.file.path, os.getpid())
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

"""A file's trees go as soon as the runner is done with it: nothing it builds holds itself in a cycle that only the
cyclic collector would free (on a project with modules of thousands of lines, that collector going through
them again and again was a sixth of the run), and the collector waits while a file is rewritten."""

from __future__ import annotations

import gc
import textwrap

import libcst as cst

from codemods.core.runner import Job, run_job
from codemods.core.transform import FileInfo
from codemods.swap_user.transforms.model_fields import ModelFields
from codemods.swap_user.transforms.user_class import UserClass

from ..transforms.tools import DEFAULT_OPTIONS

MODELS = textwrap.dedent("""\
    from django.contrib.auth.models import User
    from django.db import models


    class Post(models.Model):
        author = models.ForeignKey(User, on_delete=models.CASCADE)

        def can_edit(self, user):
            return isinstance(user, User) and user.pk == self.author_id
    """)


def _modules() -> int:
    return sum(1 for o in gc.get_objects() if isinstance(o, cst.Module))


def test_the_trees_of_a_file_go_with_their_last_reference():
    job = Job(
        FileInfo("blog/models.py", "python", "blog.models", False), MODELS, (ModelFields, UserClass)
    )
    run_job(job, DEFAULT_OPTIONS, DEFAULT_OPTIONS.style)  # what is made once a process is made
    gc.collect()
    gc.disable()
    try:
        before = _modules()
        result = run_job(job, DEFAULT_OPTIONS, DEFAULT_OPTIONS.style)
        after = _modules()
    finally:
        gc.enable()
    assert "settings.AUTH_USER_MODEL" in result.new_text and "get_user_model()" in result.new_text
    assert after == before


def test_no_cyclic_collection_while_a_file_is_rewritten(monkeypatch):
    from codemods.core import runner

    seen = []

    def recording(job, options, style):
        seen.append(gc.isenabled())
        return runner.FileResult(job.file.path, job.text, job.text)

    monkeypatch.setattr(runner, "run_job", recording)
    job = Job(FileInfo("blog/models.py", "python", "blog.models", False), MODELS, (ModelFields,))
    assert gc.isenabled()
    runner._run_one(
        (job, DEFAULT_OPTIONS, DEFAULT_OPTIONS.style, lambda r: seen.append(gc.isenabled()) or r)
    )
    assert seen == [False, False] and gc.isenabled()
    gc.disable()
    try:
        runner._run_one((job, DEFAULT_OPTIONS, DEFAULT_OPTIONS.style, None))
        assert not gc.isenabled()  # as the caller had it
    finally:
        gc.enable()

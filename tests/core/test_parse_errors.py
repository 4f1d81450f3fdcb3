"""A file that does not parse is reported at the line and column where Python finds the error."""

import pytest

from codemods.core.runner import Job, run_job
from codemods.core.transform import FileInfo
from codemods.swap_user.options import SwapOptions
from codemods.swap_user.transforms.user_class import UserClass

HEAD = "from django.contrib.auth.models import User\n\n"


@pytest.mark.parametrize(
    "body, where",
    [
        ("def f(:\n    return User\n", "3:7: invalid syntax"),
        ("x = 1 +\ny = User\n", "3:8: invalid syntax"),
        ("x = (\ny = User\n", "3:5: '(' was never closed"),
        ("x = 'abc\ny = User\n", "3:5: unterminated string literal (detected at line 3)"),
        ("x = 1\n  y = User\n", "4:2: unexpected indent"),
    ],
    ids=[
        "bad-parameters",
        "dangling-operator",
        "unclosed-bracket",
        "unterminated-string",
        "indent",
    ],
)
def test_the_error_is_placed_where_python_places_it(body, where):
    info = FileInfo("blog/broken.py", "python", "blog.broken", False)
    result = run_job(Job(info, HEAD + body, (UserClass,)), SwapOptions())
    assert result.error == where

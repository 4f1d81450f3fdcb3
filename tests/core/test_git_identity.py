"""The author a commit falls back to is the caller's, and only when git has none configured."""

from __future__ import annotations

import subprocess

from codemods.core import git


def repository(tmp_path, monkeypatch, email=None):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
    ):
        monkeypatch.delenv(name, raising=False)
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    if email:
        subprocess.run(["git", "config", "user.email", email], cwd=root, check=True)
    return root


def test_the_callers_author_when_git_has_none(tmp_path, monkeypatch):
    root = repository(tmp_path, monkeypatch)
    env = git.identity_env(root, "codemods merge_profile", "merge-profile@localhost")
    assert (env["GIT_AUTHOR_NAME"], env["GIT_AUTHOR_EMAIL"]) == (
        "codemods merge_profile",
        "merge-profile@localhost",
    )
    assert (env["GIT_COMMITTER_NAME"], env["GIT_COMMITTER_EMAIL"]) == (
        "codemods merge_profile",
        "merge-profile@localhost",
    )
    (root / "a").write_text("a\n")
    git.run(root, "add", "a")
    git.run(root, "commit", "-qm", "a", env=env)
    assert (
        git.run(root, "log", "-1", "--format=%an <%ae>").strip()
        == "codemods merge_profile <merge-profile@localhost>"
    )


def test_none_when_git_has_an_author(tmp_path, monkeypatch):
    root = repository(tmp_path, monkeypatch, email="dev@example.com")
    assert git.identity_env(root, "codemods swap_user", "swap-user@localhost") is None

"""D5: an installed package that hard-codes auth.User, found where the project's interpreter imports it from."""

from __future__ import annotations

from .tools import copy, doctor, edit, manage, write

LEGACY = """\
    from django.contrib.auth.models import User
    from django.db import models


    class Thing(models.Model):
        owner = models.ForeignKey(User, on_delete=models.CASCADE)
    """


def _install_legacy(root, site):
    write(site, "legacyapp/__init__.py", "")
    write(site, "legacyapp/models.py", LEGACY)
    edit(root, "mini/settings.py", '    "blog",\n', '    "blog",\n    "legacyapp",\n')


def test_d501_third_party_app_hard_codes_auth_user(swapped, tmp_path, capsys, monkeypatch):
    root, site = copy(swapped, tmp_path), tmp_path / "site-packages"
    _install_legacy(root, site)
    ran = manage(root, "check", extra_env={"PYTHONPATH": str(site)})
    assert (
        "legacyapp.Thing.owner: (fields.E301) Field defines a relation with the model 'auth.User', which has "
        "been swapped out." in ran.output
    )
    monkeypatch.setenv("PYTHONPATH", str(site))
    report = doctor(capsys, root)
    found = report.finding("D501")
    assert found["severity"] == "error"
    assert (found["path"], found["line"]) == (str(site / "legacyapp" / "models.py"), 6)
    assert found["what"].startswith(
        "installed app legacyapp (?) hard-codes auth.User in models.py: line 6 "
        "`owner = models.ForeignKey(User, on_delete=models.CASCADE)`"
    )
    assert "no rewrite of this project can change an installed package" in found["why"]
    assert report.finding("D002")["what"].startswith(
        "legacyapp.Thing.owner: Field defines a relation"
    )


def test_d501_before_the_swap_is_a_warning(unswapped, tmp_path, capsys, monkeypatch):
    root, site = copy(unswapped, tmp_path), tmp_path / "site-packages"
    _install_legacy(root, site)
    monkeypatch.setenv("PYTHONPATH", str(site))
    report = doctor(capsys, root, "--static")
    assert report.finding("D501")["severity"] == "warning"
    assert report.codes == ["D501"]

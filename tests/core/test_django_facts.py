"""DjangoFacts: the probe's JSON read in one place, by swap_user and by the doctor (whose rows are wider)."""

from __future__ import annotations

from codemods.core.django import DjangoFacts, InstalledApp

RAW = {
    "django": "5.2",
    "auth_user_model": "auth.User",
    "apps": [
        ["auth", "django.contrib.auth", "/venv/django/contrib/auth"],
        ["blog", "blog", "/src/blog"],
    ],
    "migrate": "django.core",
    "databases": ["default", "replica"],
}


def test_the_probes_answer():
    facts = DjangoFacts.from_json(RAW)
    assert (facts.version, facts.auth_user_model, facts.migrate) == (
        "5.2",
        "auth.User",
        "django.core",
    )
    assert facts.apps == (
        InstalledApp("auth", "django.contrib.auth", "/venv/django/contrib/auth"),
        InstalledApp("blog", "blog", "/src/blog"),
    )
    assert facts.databases == ("default", "replica")
    assert facts.app("blog").name == "blog" and facts.app("shop") is None


def test_wider_rows_and_missing_keys():
    raw = {
        "django": "4.2",
        "auth_user_model": "accounts.User",
        "apps": [["accounts", "hc.accounts", None, "hc", "1.0"]],
    }
    facts = DjangoFacts.from_json(raw)
    assert facts.apps == (InstalledApp("accounts", "hc.accounts", None),)
    assert facts.migrate is None and facts.databases == ()

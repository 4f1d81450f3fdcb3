"""Run inside a project, with its interpreter and settings: `python inside.py COMMAND JSON`, prints JSON.

snapshot: the profile's columns and many-to-many rows by user id, read with raw SQL from the tables (the
    model may no longer declare them), and the same values on the user's table where it has them.
seed: users with profiles of varied values, and users without a profile (the mini project's shape).
layer: what code that still goes through the profile sees after the merge.
"""

from __future__ import annotations

import json
import os
import sys

sys.path.insert(0, os.getcwd())

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402


def rows(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [tuple(r) for r in cursor.fetchall()]


def _norm(value):
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    if isinstance(value, bool):
        return int(value)
    return value if isinstance(value, (int, float, str, type(None))) else str(value)


def snapshot(spec: dict) -> dict:
    q = connection.ops.quote_name
    out: dict = {"profiles": {}, "users": {}, "profile_count": 0}
    cols = spec["columns"]  # [[profile column, user column]]
    sql = "SELECT %s%s FROM %s" % (
        q(spec["link"]),
        "".join(", " + q(p) for p, _ in cols),
        q(spec["profile_table"]),
    )
    for row in rows(sql):
        out["profile_count"] += 1
        if row[0] is not None:
            out["profiles"][str(row[0])] = [_norm(v) for v in row[1:]]
    for table, own, target in spec.get("profile_m2m", []):
        sql = "SELECT p.%s, m.%s FROM %s m JOIN %s p ON p.%s = m.%s" % (
            q(spec["link"]),
            q(target),
            q(table),
            q(spec["profile_table"]),
            q(spec["profile_pk"]),
            q(own),
        )
        for user_id, value in sorted(rows(sql)):
            out["profiles"].setdefault(str(user_id), []).append(["m2m", value])
    user_cols = [u for _, u in cols]
    existing = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), spec["user_table"]
        )
    }
    if all(c in existing for c in user_cols):
        sql = "SELECT %s%s FROM %s" % (
            q(spec["user_pk"]),
            "".join(", " + q(u) for u in user_cols),
            q(spec["user_table"]),
        )
        for row in rows(sql):
            out["users"][str(row[0])] = [_norm(v) for v in row[1:]]
        for table, own, target in spec.get("user_m2m", []):
            if table in connection.introspection.table_names():
                for user_id, value in sorted(
                    rows("SELECT %s, %s FROM %s" % (q(own), q(target), q(table)))
                ):
                    out["users"][str(user_id)].append(["m2m", value])
    return out


def seed(spec: dict) -> dict:
    from django.contrib.auth import get_user_model
    from profiles.models import Book, Profile, Team

    User = get_user_model()
    teams = [Team.objects.create(name="team %d" % i) for i in range(3)]
    books = [Book.objects.create(title="book %d" % i) for i in range(4)]
    for i in range(spec.get("users", 12)):
        user = User.objects.create_user("user%d" % i, "user%d@example.com" % i, "pw")
        profile = Profile.objects.get(user=user)  # made by the post_save receiver
        if i % 4 == 3:
            profile.delete()  # a user without a profile, as for accounts made before the receiver
            continue
        profile.bio = "bio of user %d, ünïcode" % i if i % 3 else ""
        profile.theme = "dark" if i % 2 else "light"
        profile.reports = bool(i % 3)
        profile.score = None if i % 5 == 0 else i * 7
        profile.team = teams[i % 3] if i % 4 else None
        profile.save()
        profile.books.set(books[: i % 4])
    return {"users": User.objects.count(), "profiles": Profile.objects.count()}


def layer(spec: dict) -> dict:
    """After the merge: reads and writes through the profile land on the user."""
    from django.contrib.auth import get_user_model
    from profiles.models import Profile

    User = get_user_model()
    user = User.objects.filter(profile__isnull=False).order_by("pk").first()
    out = {
        "via_get": Profile.objects.get(user=user).bio == user.bio,
        "via_accessor": user.profile.theme == user.theme,
        "display": user.profile.get_theme_display() == user.get_theme_display(),
    }
    from django.test import Client

    client = Client()
    client.force_login(user)
    page = client.post("/profile/", {"bio": "from the form", "theme": "dark", "reports": "on"})
    out["form"] = [page.status_code, User.objects.get(pk=user.pk).bio]
    profile = Profile.objects.get(user=user)
    profile.bio = "written through the profile"
    profile.save()
    out["saved"] = User.objects.get(pk=user.pk).bio
    profile.theme = "dark"
    profile.save(update_fields=["theme"])
    out["saved_update_fields"] = User.objects.get(pk=user.pk).theme
    new = User.objects.create_user("after-merge", "a@example.com", "pw")
    out["new_user_profile"] = Profile.objects.filter(user=new).exists()
    other = User.objects.create_user("by-create", "b@example.com", "pw2")
    Profile.objects.filter(user=other).delete()
    created = Profile.objects.create(user=other, bio="made")
    out["create_kwargs"] = User.objects.get(pk=created.user_id).bio
    out["queries"] = queries(user)
    out["serializer"] = serializer(user)
    out["historical"] = historical()
    out["fixture"] = fixture()
    from profiles.models import Book

    book = Book.objects.filter(user__isnull=False).order_by("pk").first()
    out["old_accessor"] = sorted(p.user_id for p in book.profile_set.all()) == sorted(
        book.user_set.filter(profile__isnull=False).values_list("pk", flat=True)
    )
    return out


def historical() -> bool:
    """A model a migration renders with the layer's mixin among its bases, and without the link (another time's
    fields), is left alone by the layer."""
    from django.apps.registry import Apps
    from django.db import models
    from profiles.merged_fields import SavesFieldsOnUser

    meta = type("Meta", (), {"apps": Apps(), "app_label": "profiles"})
    body = {"__module__": "__fake__", "Meta": meta, "bio": models.TextField()}
    model = type("Profile", (SavesFieldsOnUser, models.Model), body)
    return model._meta.apps is not None


def fixture() -> list:
    """A fixture written before the merge, whose profile row sets moved fields of a user the fixture does not
    hold, still loads: the values land on the user."""
    import tempfile

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from profiles.models import Book, Profile, Team

    profile = Profile.objects.order_by("-pk").first()
    team, book = Team.objects.order_by("pk").first(), Book.objects.order_by("pk").last()
    row = {"user": profile.user_id, "bio": "from a fixture", "team": team.pk, "books": [book.pk]}
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "old.json")
        with open(path, "w") as f:
            json.dump([{"model": "profiles.profile", "pk": profile.pk, "fields": row}], f)
        call_command("loaddata", path, verbosity=0)
    user = get_user_model().objects.get(pk=profile.user_id)
    return [
        user.bio,
        user.team_id == team.pk,
        list(user.books.values_list("pk", flat=True)) == [book.pk],
    ]


def serializer(user) -> dict:
    """A REST framework serializer of the profile, as the tool leaves it: reads and writes the user's fields."""
    from django.contrib.auth import get_user_model
    from profiles.merged_fields import ProfileSerializerFields
    from profiles.models import Book, Profile, Team
    from rest_framework import serializers

    class ProfileSerializer(ProfileSerializerFields, serializers.ModelSerializer):
        class Meta:
            model = Profile
            fields = ("id", "bio", "theme", "team", "books")

    class EveryField(ProfileSerializerFields, serializers.ModelSerializer):
        class Meta:
            model = Profile
            fields = "__all__"

    User = get_user_model()
    profile = Profile.objects.get(user=user)
    fresh = User.objects.get(pk=user.pk)
    team, books = Team.objects.order_by("pk").last(), list(Book.objects.order_by("pk")[:2])
    data = ProfileSerializer(profile).data
    read = data == {
        "id": profile.pk,
        "bio": fresh.bio,
        "theme": fresh.theme,
        "team": fresh.team_id,
        "books": [b.pk for b in fresh.books.order_by("pk")],
    }
    written = ProfileSerializer(
        profile,
        data={
            "bio": "from the API",
            "theme": "nope",
            "team": team.pk,
            "books": [b.pk for b in books],
        },
        partial=True,
    )
    invalid = not written.is_valid() and list(written.errors) == [
        "theme"
    ]  # the user's choices apply
    written = ProfileSerializer(
        profile,
        data={"bio": "from the API", "team": team.pk, "books": [b.pk for b in books]},
        partial=True,
    )
    written.is_valid(raise_exception=True)
    written.save()
    fresh = User.objects.get(pk=user.pk)
    return {
        "read": read,
        "invalid_choice": invalid,
        "written": [
            fresh.bio,
            fresh.team_id == team.pk,
            sorted(fresh.books.values_list("pk", flat=True)) == sorted(b.pk for b in books),
        ],
        "all_fields": sorted(EveryField(profile).data),
    }


def queries(user) -> dict:
    """Queries of the profile that name moved fields, written as before the merge, follow the link."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count, F, Max, Q
    from django.test.utils import CaptureQueriesContext
    from profiles.models import Profile

    User = get_user_model()
    user = User.objects.get(pk=user.pk)  # as the database has it now
    with_profile = User.objects.filter(profile__isnull=False)
    apart = Q(theme="dark") | Q(bio__startswith="written")
    dark = with_profile.filter(Q(theme="dark") | Q(bio__startswith="written"))
    updated = Profile.objects.filter(apart, user__is_active=True).update(score=-1)
    with CaptureQueriesContext(connection) as captured:
        loaded = Profile.objects.get(user=user)
        read = (loaded.bio, loaded.theme)
    return {
        "q_apart": Profile.objects.filter(apart).count() == dark.count() > 0,
        "exclude": Profile.objects.exclude(theme="dark").count()
        == with_profile.exclude(theme="dark").count(),
        "update": [updated == dark.count(), sorted(set(dark.values_list("score", flat=True)))],
        "update_others": -1
        not in with_profile.exclude(pk__in=dark).values_list("score", flat=True),
        "values": list(Profile.objects.filter(user=user).values("bio")) == [{"bio": user.bio}],
        "values_list": sorted(Profile.objects.values_list("theme", flat=True))
        == sorted(with_profile.values_list("theme", flat=True)),
        "order_by": list(
            Profile.objects.order_by("-team_id", "user_id").values_list("user_id", flat=True)
        )
        == list(with_profile.order_by("-team_id", "id").values_list("id", flat=True)),
        "f_annotate": Profile.objects.annotate(s=F("score")).filter(s__gt=0).count()
        == with_profile.filter(score__gt=0).count(),
        "aggregate": Profile.objects.aggregate(m=Max("score"))["m"]
        == with_profile.aggregate(m=Max("score"))["m"],
        "grouped": {
            r["theme"]: r["n"] for r in Profile.objects.values("theme").annotate(n=Count("id"))
        }
        == {r["theme"]: r["n"] for r in with_profile.values("theme").annotate(n=Count("id"))},
        "one_query": [len(captured), read == (user.bio, user.theme)],
    }


if __name__ == "__main__":
    command, arg = sys.argv[1], json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    print(json.dumps({"snapshot": snapshot, "seed": seed, "layer": layer}[command](arg)))

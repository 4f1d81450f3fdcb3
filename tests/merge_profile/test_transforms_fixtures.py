"""Fixture rows of the profile: the moved fields' values go to their user's row, edited as text in the file's
own layout; what is not mechanical (no user row in the file, a natural key, a clash, YAML) is a note.
"""

from __future__ import annotations

from codemods.merge_profile.transforms.fixtures import Fixtures, parse
from tests.transforms.tools import apply, check_noop, check_transformed, notes_of

from .tools import OPTIONS, options

PATH = "profiles/fixtures/people.json"


def check(before, after, **kw):
    """The rewrite, and a second run that changes nothing and says nothing."""
    kw.setdefault("options", OPTIONS)
    result = check_transformed(Fixtures, before, after, path=PATH, **kw)
    assert notes_of(result) == []
    again, second = apply(Fixtures, after, path=PATH, **kw)
    assert notes_of(second) == []
    return result


def test_moved_values_go_to_the_user_row_indented():
    check(
        """\
        [
          {
            "model": "accounts.user",
            "pk": 1,
            "fields": {
              "username": "ada",
              "is_staff": true
            }
          },
          {
            "model": "blog.post",
            "pk": 7,
            "fields": {"author": 1, "bio": "not the profile's"}
          },
          {
            "model": "profiles.profile",
            "pk": 3,
            "fields": {
              "user": 1,
              "bio": "hi",
              "team": 2,
              "books": [
                4,
                5
              ]
            }
          }
        ]
        """,
        """\
        [
          {
            "model": "accounts.user",
            "pk": 1,
            "fields": {
              "username": "ada",
              "is_staff": true,
              "bio": "hi",
              "team": 2,
              "books": [
                4,
                5
              ]
            }
          },
          {
            "model": "blog.post",
            "pk": 7,
            "fields": {"author": 1, "bio": "not the profile's"}
          },
          {
            "model": "profiles.profile",
            "pk": 3,
            "fields": {
              "user": 1
            }
          }
        ]
        """,
    )


def test_moved_values_go_to_the_user_row_compact_and_its_key_style():
    check(
        """\
        [{"model":"profiles.profile","pk":1,"fields":{"bio":"hi","user":2,"team":null}},{"model":"accounts.user","pk":2,"fields":{"username":"bob"}}]
        """,
        """\
        [{"model":"profiles.profile","pk":1,"fields":{"user":2}},{"model":"accounts.user","pk":2,"fields":{"username":"bob","bio":"hi","team":null}}]
        """,
    )


def test_user_row_with_empty_fields_takes_the_profile_rows_layout():
    check(
        """\
        [
            {"model": "accounts.user", "pk": "5", "fields": {}},
            {"model": "profiles.profile", "pk": 1, "fields": {
                "user": 5,
                "bio": "hi"
            }}
        ]
        """,
        """\
        [
            {"model": "accounts.user", "pk": "5", "fields": {
                "bio": "hi"
            }},
            {"model": "profiles.profile", "pk": 1, "fields": {
                "user": 5
            }}
        ]
        """,
    )


def test_link_as_primary_key_the_rows_pk_is_its_users():
    """An AutoOneToOneField primary key: the profile row says its user by its pk; a row left with no field
    stays, and a field that stays on the profile (not moved) too."""
    check(
        """\
        [
          {"model": "accounts.user", "pk": 1, "fields": {"username": "ada"}},
          {"model": "profiles.profile", "pk": 1, "fields": {"bio": "hi"}},
          {"model": "profiles.profile", "pk": 2, "fields": {"nickname": "b", "team": 1}},
          {"model": "accounts.user", "pk": 2, "fields": {"username": "bob"}}
        ]
        """,
        """\
        [
          {"model": "accounts.user", "pk": 1, "fields": {"username": "ada", "bio": "hi"}},
          {"model": "profiles.profile", "pk": 1, "fields": {}},
          {"model": "profiles.profile", "pk": 2, "fields": {"nickname": "b"}},
          {"model": "accounts.user", "pk": 2, "fields": {"username": "bob", "team": 1}}
        ]
        """,
        options=options(link_pk=True),
    )


def test_natural_keys_find_the_user_by_its_username():
    check(
        """\
        [
        {
            "model": "accounts.user",
            "fields": {
                "username": "ada"
            }
        },
        {
            "model": "profiles.profile",
            "fields": {
                "user": [
                    "ada"
                ],
                "bio": "hi"
            }
        }
        ]
        """,
        """\
        [
        {
            "model": "accounts.user",
            "fields": {
                "username": "ada",
                "bio": "hi"
            }
        },
        {
            "model": "profiles.profile",
            "fields": {
                "user": [
                    "ada"
                ]
            }
        }
        ]
        """,
    )


def test_link_to_another_field_of_the_user():
    check(
        """\
        [{"model": "accounts.user", "pk": 9, "fields": {"email": "a@x.org"}},
         {"model": "profiles.profile", "pk": 1, "fields": {"user": "a@x.org", "bio": "hi"}}]
        """,
        """\
        [{"model": "accounts.user", "pk": 9, "fields": {"email": "a@x.org", "bio": "hi"}},
         {"model": "profiles.profile", "pk": 1, "fields": {"user": "a@x.org"}}]
        """,
        options=options(link_to_field="email"),
    )


def note(**kw):
    kw.setdefault("options", OPTIONS)
    return lambda source: notes_of(check_noop(Fixtures, source, path=PATH, **kw))


ADVICE = (
    ": loaddata saves them on its user through the compatibility layer for this release; before it goes, move "
    "those values to the row of its user in the fixture that creates it (or set them where the user is "
    "created, when no fixture does) and drop them from this row [fixtures]"
)


def test_no_user_row_in_the_file_is_a_note():
    assert (
        note()("""\
        [
          {"model": "blog.post", "pk": 1, "fields": {"author": 1}},
          {"model": "profiles.profile", "pk": 1, "fields": {"user": 1, "bio": "hi", "team": 2}}
        ]
        """)
        == [
            "%s:3:4: note: this profiles.Profile row sets bio, team, which moved to accounts.User, and no "
            "accounts.User row in this file matches its user 1%s" % (PATH, ADVICE)
        ]
    )


def test_natural_key_the_tool_cannot_resolve_is_a_note():
    assert (
        note()("""\
        [{"model": "accounts.user", "fields": {"username": "ada"}},
         {"model": "profiles.profile", "fields": {"user": ["bob"], "bio": "hi"}},
         {"model": "profiles.profile", "fields": {"user": ["ada", "x"], "bio": "hi"}}]
        """)
        == [
            "%s:2:3: note: this profiles.Profile row sets bio, which moved to accounts.User, and no "
            'accounts.User row in this file matches its user ["bob"]%s' % (PATH, ADVICE),
            "%s:3:3: note: this profiles.Profile row sets bio, which moved to accounts.User, and its user is "
            'given by a natural key (["ada", "x"]) the tool cannot resolve%s' % (PATH, ADVICE),
        ]
    )


def test_user_row_that_already_sets_a_moved_field_is_a_note():
    assert (
        note()("""\
        [{"model": "accounts.user", "pk": 1, "fields": {"username": "ada", "team_id": 3}},
         {"model": "profiles.profile", "pk": 1, "fields": {"user": 1, "bio": "hi", "team": 2}}]
        """)
        == [
            "%s:2:3: note: this profiles.Profile row sets bio, team, which moved to accounts.User, and its "
            "user's row (line 1) already sets team%s" % (PATH, ADVICE)
        ]
    )


def test_yaml_fixture_is_a_note():
    source = """\
        - model: profiles.profile
          pk: 1
          fields: {user: 1, bio: hi}
        """
    assert notes_of(
        check_noop(Fixtures, source, path="profiles/fixtures/people.yaml", options=OPTIONS)
    ) == [
        "profiles/fixtures/people.yaml:1:3: note: 1 row(s) of profiles.Profile set bio, which moved to "
        "accounts.User, and this is a YAML fixture, which the tool does not rewrite: loaddata saves those "
        "values on their users through the compatibility layer for this release; before it goes, move them to "
        "the rows of their users and drop them from the profile's rows [fixtures]"
    ]


def test_noop_profile_rows_without_moved_fields():
    assert note()("""\
        [{"model": "accounts.user", "pk": 1, "fields": {"username": "ada", "bio": "hi"}},
         {"model": "profiles.profile", "pk": 1, "fields": {"user": 1}}]
        """) == []


def test_noop_fixture_without_the_profile():
    assert note()('[{"model": "auth.user", "pk": 1, "fields": {"bio": "x"}}]\n') == []


def test_parse_keeps_positions():
    text = '\ufeff[ {"a" : [1, {"b": "x\\"y"}] } ]'
    root = parse(text)
    row = root.items[0]
    member = row.get("a")
    assert text[member.start : member.end] == '"a" : [1, {"b": "x\\"y"}]'
    assert root.value == [{"a": [1, {"b": 'x"y'}]}]

"""The registry: a command's transforms found in its package, ordered by what each declares on itself."""

from __future__ import annotations

import pytest

from codemods.core import registry
from codemods.core.transform import PythonTransform, TextTransform, transform_name


def python(name, after=(), last=False, title="t"):
    return type(
        name.title(),
        (PythonTransform,),
        {"NAME": name, "RUNS_AFTER": after, "RUNS_LAST": last, "TITLE": title},
    )


def text(name, after=(), title="t"):
    return type(name.title(), (TextTransform,), {"NAME": name, "RUNS_AFTER": after, "TITLE": title})


def names(classes):
    return [transform_name(cls) for cls in classes]


def test_python_first_then_text_each_after_what_it_names():
    classes = [
        text("templates"),
        python("last", last=True),
        python("b", after=("c",)),
        python("c"),
        text("fixtures", after=("templates",)),
        python("a"),
    ]
    assert names(registry.ordered(classes)) == ["c", "b", "a", "last", "templates", "fixtures"]


def test_ties_keep_the_order_found():
    classes = [python("z"), python("a"), python("m")]
    assert names(registry.ordered(classes)) == ["z", "a", "m"]


def test_after_a_name_is_after_every_transform_of_it():
    code, markup = python("kind"), text("kind")
    later = text("later", after=("kind",))
    assert registry.ordered([later, code, markup]) == [code, markup, later]


def test_unknown_name_and_circle_are_errors():
    with pytest.raises(ValueError, match="no transform named"):
        registry.ordered([python("a", after=("nope",))])
    with pytest.raises(ValueError, match="circle"):
        registry.ordered([python("a", after=("b",)), python("b", after=("a",))])


def test_titles_one_per_name_in_order():
    code, markup = python("kind", title="Kind"), text("kind", title=None)
    assert registry.titles([python("first", title="First"), code, markup]) == {
        "first": "First",
        "kind": "Kind",
    }
    with pytest.raises(ValueError, match="declares a TITLE"):
        registry.titles([python("kind", title=None)])
    with pytest.raises(ValueError, match="two transforms"):
        registry.titles([python("kind"), text("kind")])


def test_swap_user_is_discovered_in_its_declared_order():
    from codemods.swap_user.transforms import TRANSFORMS, user_class

    assert TRANSFORMS == registry.discover("codemods.swap_user.transforms")
    python_ones = [t for t in TRANSFORMS if issubclass(t, PythonTransform)]
    assert names(python_ones)[0] == "settings" and python_ones[-1] is user_class.UserClass
    assert all(
        issubclass(t, TextTransform) for t in TRANSFORMS[len(python_ones) :]
    ), "the text transforms come after the Python ones"


def test_merge_profile_is_discovered_in_the_order_of_the_list_it_replaces():
    # The list's order, with migration_models (added since) after profile_admin, where it declares itself.
    from codemods.merge_profile.transforms import TITLES, TRANSFORMS

    assert TRANSFORMS == registry.discover("codemods.merge_profile.transforms")
    assert names(TRANSFORMS) == [
        "user_fields",
        "profile_layer",
        "profile_notes",
        "profile_get",
        "profile_queries",
        "accessor_fields",
        "profile_forms",
        "profile_admin",
        "migration_models",
        "profile_serializers",
        "templates",
        "fixtures",
    ]
    assert list(TITLES) == names(TRANSFORMS)

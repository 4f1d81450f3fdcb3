import dataclasses

from django.contrib.auth.models import User as AccountModel
from django.test import SimpleTestCase, TestCase

from newsroom.apps.articles import wire
from newsroom.apps.articles.models import Section

FEED_ITEM = {
    "headline": " Storm hits coast ",
    "body": "Winds of 100 mph.",
    "byline": {"handle": "jdoe", "agency": "Reuters"},
}


class WireUserTests(SimpleTestCase):
    def test_wire_user_is_a_dataclass_not_a_model(self):
        self.assertTrue(dataclasses.is_dataclass(wire.User))
        self.assertFalse(hasattr(wire.User, "objects"))
        self.assertEqual(wire.User("jdoe", "Reuters").credit(), "jdoe / Reuters")

    def test_parse(self):
        story = wire.parse(FEED_ITEM)
        self.assertEqual(story.headline, "Storm hits coast")
        self.assertEqual(story.filed_by, wire.User(handle="jdoe", agency="Reuters"))


class ImportStoryTests(TestCase):
    def test_import_is_credited_and_idempotent(self):
        section = Section.objects.create(name="Weather", slug="weather")
        article = wire.import_story(wire.parse(FEED_ITEM), section)
        self.assertEqual(article.byline, "jdoe / Reuters")
        self.assertEqual(article.author.username, "wire-desk")
        self.assertIsInstance(article.author, AccountModel)
        self.assertFalse(article.author.has_usable_password())
        self.assertEqual(wire.import_story(wire.parse(FEED_ITEM), section).pk, article.pk)
        self.assertEqual(AccountModel.objects.filter(username="wire-desk").count(), 1)

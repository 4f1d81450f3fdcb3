from django.contrib.auth.models import User
from django.db.models import F
from django.test import TestCase

from .models import ForumProfile, Topic


class ForumTests(TestCase):
    def setUp(self):
        self.topic = Topic.objects.create(title="Hi")
        self.old = User.objects.create_user("old", password="pw")  # no forum profile

    def test_members_without_a_profile_can_post_and_be_read(self):
        self.client.force_login(self.old)
        self.client.post("/topics/%d/reply/" % self.topic.pk, {"body": "first!"})
        self.client.post("/topics/%d/reply/" % self.topic.pk, {"body": "again"})
        self.assertEqual(ForumProfile.objects.get(user=self.old).posts_count, 2)
        page = self.client.get("/topics/%d/" % self.topic.pk)
        self.assertContains(page, "first!")

    def test_signature_and_title(self):
        ForumProfile.objects.create(user=self.old, signature="-- old", title="Regular")
        self.client.force_login(self.old)
        self.client.post("/topics/%d/reply/" % self.topic.pk, {"body": "text"})
        page = self.client.get("/topics/%d/" % self.topic.pk)
        self.assertContains(page, "<b>old</b> (Regular)")
        self.assertContains(page, "<small>-- old</small>")

    def test_recounting_the_posters(self):
        ForumProfile.objects.create(user=self.old, posts_count=2, show_signature=False)
        quiet = User.objects.create_user("quiet", password="pw")
        ForumProfile.objects.create(user=quiet)
        self.assertEqual(ForumProfile.objects.posters().update(posts_count=F("posts_count") + 1), 1)
        self.assertEqual(
            list(ForumProfile.objects.order_by("-posts_count").values_list("posts_count", "show_signature")),
            [(3, False), (0, True)],
        )

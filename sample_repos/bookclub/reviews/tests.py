from datetime import timedelta

from django.contrib.auth.models import User
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from clubs.services import start_club
from reviews import services
from reviews.models import Book, Flag, ReadingStats, Review

PASSWORD = "correct-Horse-battery-9"


class ReadingStatsTests(TestCase):
    def test_stats_are_created_on_first_access(self):
        user = User.objects.create_user("ada", "ada@example.com", PASSWORD)
        self.assertFalse(ReadingStats.objects.filter(reader=user).exists())
        stats = user.reading_stats
        self.assertEqual(stats.books_finished, 0)
        self.assertEqual(User.objects.get(pk=user.pk).reading_stats.pk, stats.pk)
        self.assertEqual(ReadingStats.objects.count(), 1)

    def test_finishing_a_book(self):
        user = User.objects.create_user("ada", "ada@example.com", PASSWORD)
        book = Book.objects.create(title="Dune", author_name="Frank Herbert", isbn="1", pages=600)
        services.finish_book(user, book)
        stats = ReadingStats.objects.get(reader=user)
        self.assertEqual((stats.books_finished, stats.pages_read), (1, 600))

    def test_my_stats_page(self):
        user = User.objects.create_user("ada", "ada@example.com", PASSWORD)
        self.client.force_login(user)
        response = self.client.get(reverse("reviews:my_stats"))
        self.assertContains(response, "0 books")


class ModerationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ada = User.objects.create_user("ada", "ada@example.com", PASSWORD)
        cls.troll = User.objects.create_user("troll", "troll@example.com", PASSWORD)
        cls.book = Book.objects.create(title="Emma", author_name="Jane Austen", isbn="2")
        cls.review = Review.objects.create(book=cls.book, author=cls.troll, rating=1)

    def test_describe(self):
        self.assertEqual(services.describe(self.troll), "reader troll")
        self.assertEqual(services.describe(self.review), "review of Emma by troll")
        self.assertEqual(services.describe(self.book), str(self.book))

    def test_flags_against_a_reader(self):
        on_reader = services.flag(self.troll, raised_by=self.ada, reason="rude")
        services.flag(self.review, raised_by=self.ada, reason="spoilers")
        self.assertEqual(list(services.flags_against_reader(self.troll)), [on_reader])
        self.assertEqual(on_reader.target, self.troll)
        self.assertEqual(Flag.objects.count(), 2)


class PurgeDormantReadersTests(TestCase):
    def test_only_dormant_plain_readers_go(self):
        long_ago = timezone.now() - timedelta(days=800)
        User.objects.create_user("gone", "g@example.com", PASSWORD, last_login=long_ago)
        User.objects.create_user("never", "n@example.com", PASSWORD, date_joined=long_ago)
        User.objects.create_user("recent", "r@example.com", PASSWORD, last_login=timezone.now())
        User.objects.create_user(
            "admin", "a@example.com", PASSWORD, last_login=long_ago, is_staff=True
        )
        owner = User.objects.create_user("owner", "o@example.com", PASSWORD, last_login=long_ago)
        start_club(owner, "Kept", "kept")

        self.assertEqual(services.purge_dormant_readers(), 2)
        self.assertEqual(
            set(User.objects.values_list("username", flat=True)), {"recent", "admin", "owner"}
        )
        self.assertEqual(services.purge_dormant_readers(), 0)


class BookViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ada = User.objects.create_user("ada", "ada@example.com", PASSWORD)
        cls.book = Book.objects.create(title="Kindred", author_name="Octavia E. Butler", isbn="3")

    def test_post_a_review(self):
        self.client.force_login(self.ada)
        response = self.client.post(
            reverse("reviews:book_detail", args=[self.book.pk]), {"rating": 5, "body": "Superb."}
        )
        self.assertRedirects(response, self.book.get_absolute_url())
        review = Review.objects.get()
        self.assertEqual(review.author, self.ada)

    def test_book_list_shows_top_reviewers(self):
        Review.objects.create(book=self.book, author=self.ada, rating=4)
        response = self.client.get(reverse("reviews:book_list"))
        self.assertEqual(list(response.context["top_reviewers"]), [self.ada])
        self.assertContains(response, "Kindred")

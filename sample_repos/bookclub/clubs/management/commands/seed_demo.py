from django.core.management.base import BaseCommand
from django.db import transaction

from clubs import services
from clubs.models import Club, Member, Membership, ReaderProfile, User
from reviews.models import Book, Review
from reviews.services import finish_book, flag

DEMO_PASSWORD = "bookclub-demo-pass"

READERS = [
    # username, first name, last name, genre, city
    ("ada", "Ada", "Lovelace", ReaderProfile.Genre.SCIFI, "London"),
    ("mary", "Mary", "Shelley", ReaderProfile.Genre.FICTION, "Bath"),
    ("arthur", "Arthur", "Conan Doyle", ReaderProfile.Genre.MYSTERY, "Edinburgh"),
    ("emily", "Emily", "Dickinson", ReaderProfile.Genre.POETRY, "Amherst"),
]

BOOKS = [
    ("The Left Hand of Darkness", "Ursula K. Le Guin", "9780441478125", 304),
    ("Frankenstein", "Mary Shelley", "9780141439471", 280),
    ("The Hound of the Baskervilles", "Arthur Conan Doyle", "9780141032436", 256),
]


class Command(BaseCommand):
    help = "Create demo readers, a club, books, reviews and a flag. Safe to run twice."

    @transaction.atomic
    def handle(self, *args, **options):
        readers = {}
        for username, first_name, last_name, genre, city in READERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(
                    username,
                    f"{username}@bookclub.example",
                    DEMO_PASSWORD,
                    first_name=first_name,
                    last_name=last_name,
                )
            profile = user.reader_profile
            profile.favourite_genre = genre
            profile.city = city
            profile.save()
            readers[username] = user

        if not User.objects.filter(username="librarian").exists():
            User.objects.create_superuser("librarian", "librarian@bookclub.example", DEMO_PASSWORD)
        librarian = Member.objects.get(username="librarian")

        club = Club.objects.filter(slug="speculative-sundays").first()
        if club is None:
            club = services.start_club(
                readers["ada"],
                "Speculative Sundays",
                "speculative-sundays",
                "Science fiction and other possible worlds, every other Sunday.",
            )
        for username in ("mary", "arthur", "emily"):
            services.join(club, readers[username])
        services.join(club, readers["mary"], Membership.Role.HOST)

        books = []
        for title, author_name, isbn, pages in BOOKS:
            book, _ = Book.objects.get_or_create(
                isbn=isbn,
                defaults={
                    "title": title,
                    "author_name": author_name,
                    "pages": pages,
                    "added_by": librarian,
                },
            )
            books.append(book)

        review, created = Review.objects.get_or_create(
            book=books[0],
            author=readers["ada"],
            defaults={"rating": 5, "body": "Ice and politics."},
        )
        if created:
            finish_book(readers["ada"], books[0])
        Review.objects.get_or_create(
            book=books[1], author=readers["arthur"], defaults={"rating": 2, "body": "Too gloomy."}
        )
        flag(review, raised_by=readers["arthur"], reason="Spoilers in the first line")
        flag(readers["arthur"], raised_by=readers["mary"], reason="Rude in the club chat")

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {User.objects.count()} users, {Club.objects.count()} clubs, "
                f"{Review.objects.count()} reviews."
            )
        )

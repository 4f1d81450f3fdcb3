import importlib
from io import StringIO
from types import SimpleNamespace

from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.urls import reverse

from clubs import services
from clubs.admin import CustomUserAdmin
from clubs.forms import InviteForm, ReaderAccountForm
from clubs.models import Club, Member, Membership, ReaderProfile
from clubs.views import SignupView
from reviews.models import Book, Flag, ReadingStats, Review

PASSWORD = "correct-Horse-battery-9"


def grant(user, *codenames):
    """Give a user some of the user model's permissions; return a fresh instance."""
    content_type = ContentType.objects.get_for_model(User)
    user.user_permissions.add(
        *Permission.objects.filter(content_type=content_type, codename__in=codenames)
    )
    return User.objects.get(pk=user.pk)


class ReaderProfileSignalTests(TestCase):
    def test_new_user_gets_a_profile(self):
        user = User.objects.create_user("zoe", "zoe@example.com", PASSWORD)
        self.assertTrue(ReaderProfile.objects.filter(user=user).exists())
        self.assertEqual(user.reader_profile.city, "")

    def test_saving_again_keeps_one_profile(self):
        user = User.objects.create_user("zoe", "zoe@example.com", PASSWORD)
        user.first_name = "Zoe"
        user.save()
        self.assertEqual(ReaderProfile.objects.filter(user=user).count(), 1)


class BackfillMigrationTests(TestCase):
    def test_creates_missing_profiles(self):
        migration = importlib.import_module("clubs.migrations.0003_backfill_reader_profiles")
        user = User.objects.create_user("old-timer", "old@example.com", PASSWORD)
        ReaderProfile.objects.filter(user=user).delete()

        migration.create_missing_profiles(apps, SimpleNamespace(connection=connection))

        self.assertTrue(ReaderProfile.objects.filter(user=user).exists())
        self.assertEqual(ReaderProfile.objects.count(), User.objects.count())


class MemberProxyTests(TestCase):
    def test_member_is_the_same_row_as_the_user(self):
        user = User.objects.create_user("ada", "ada@example.com", PASSWORD, first_name="Ada")
        member = Member.objects.get(pk=user.pk)
        self.assertIsInstance(member, User)
        self.assertEqual(member.username, "ada")
        self.assertEqual(member.display_name(), "Ada")
        self.assertEqual(Member.objects.count(), User.objects.count())

    def test_hosted_clubs(self):
        owner = User.objects.create_user("owner", "owner@example.com", PASSWORD)
        club = services.start_club(owner, "Poetry Club", "poetry")
        services.start_club(
            User.objects.create_user("other", "other@example.com", PASSWORD), "Other", "other"
        )
        self.assertEqual(list(Member.objects.get(pk=owner.pk).hosted_clubs()), [club])


class FixtureTests(TestCase):
    fixtures = ["readers.json"]

    def test_users_come_with_their_groups(self):
        grace = User.objects.get(username="grace")
        linus = User.objects.get(username="linus")
        self.assertEqual(list(grace.groups.values_list("name", flat=True)), ["Club hosts"])
        self.assertEqual(
            set(linus.groups.values_list("name", flat=True)), {"Club hosts", "Moderators"}
        )
        self.assertEqual(Group.objects.get(name="Club hosts").user_set.count(), 2)

    def test_permissions_by_natural_key(self):
        linus = User.objects.get(username="linus")
        grace = User.objects.get(username="grace")
        self.assertTrue(linus.has_perm("auth.change_user"))
        self.assertTrue(linus.has_perm("auth.view_user"))  # through the Moderators group
        self.assertFalse(grace.has_perm("auth.view_user"))

    def test_fixture_password_works(self):
        self.assertTrue(self.client.login(username="grace", password="bookclub-demo-pass"))

    def test_related_rows(self):
        club = Club.objects.get(slug="mystery-mondays")
        self.assertEqual(club.owner.username, "grace")
        self.assertEqual(set(club.members.values_list("username", flat=True)), {"grace", "linus"})
        self.assertTrue(club.is_host(User.objects.get(username="grace")))


class UserAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.reader = User.objects.create_user("reader", "reader@example.com", PASSWORD)
        clerk = User.objects.create_user("clerk", "clerk@example.com", PASSWORD, is_staff=True)
        clerk.user_permissions.add(
            *Permission.objects.filter(
                content_type=ContentType.objects.get_for_model(ReaderProfile),
                codename__in=["view_readerprofile", "change_readerprofile"],
            )
        )
        cls.clerk = grant(clerk, "view_user", "change_user")

    def test_custom_user_admin_is_registered(self):
        self.assertIsInstance(admin.site._registry[User], CustomUserAdmin)
        self.assertTrue(admin.site.is_registered(Group))

    def test_changelist_opens_for_staff(self):
        self.client.force_login(self.clerk)
        response = self.client.get(reverse("admin:auth_user_changelist"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "reader@example.com")

    def test_change_page_has_the_profile_inline(self):
        self.client.force_login(self.clerk)
        response = self.client.get(reverse("admin:auth_user_change", args=[self.reader.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'name="reader_profile-TOTAL_FORMS"')

    def test_password_change_page(self):
        self.client.force_login(self.clerk)
        response = self.client.get(
            reverse("admin:auth_user_password_change", args=[self.reader.pk])
        )
        self.assertEqual(response.status_code, 200)

    def test_staff_without_permission_is_refused(self):
        bare = User.objects.create_user("bare", "bare@example.com", PASSWORD, is_staff=True)
        self.client.force_login(bare)
        response = self.client.get(reverse("admin:auth_user_changelist"))
        self.assertEqual(response.status_code, 403)

    def test_superuser_adds_a_user(self):
        boss = User.objects.create_superuser("boss", "boss@example.com", PASSWORD)
        self.client.force_login(boss)
        add_url = reverse("admin:auth_user_add")
        self.assertEqual(self.client.get(add_url).status_code, 200)
        response = self.client.post(
            add_url,
            {
                "username": "newcomer",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "usable_password": "true",
            },
        )
        self.assertEqual(response.status_code, 302)
        newcomer = User.objects.get(username="newcomer")
        self.assertTrue(ReaderProfile.objects.filter(user=newcomer).exists())

    def test_edit_reader_in_admin_redirects_to_the_change_page(self):
        self.client.force_login(self.clerk)
        response = self.client.get(reverse("edit_reader_in_admin", args=["reader"]))
        self.assertRedirects(response, reverse("admin:auth_user_change", args=[self.reader.pk]))

    def test_profile_admin_url(self):
        self.assertEqual(
            self.reader.reader_profile.get_admin_url(),
            f"/admin/{User._meta.app_label}/user/{self.reader.pk}/change/",
        )


class SignupTests(TestCase):
    def test_signup_page(self):
        response = self.client.get(reverse("signup"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'name="password2"')

    def test_signup_creates_an_account(self):
        response = self.client.post(
            reverse("signup"),
            {"username": "newreader", "password1": PASSWORD, "password2": PASSWORD},
        )
        self.assertRedirects(response, reverse("login"))
        user = User.objects.get(username="newreader")
        self.assertTrue(user.check_password(PASSWORD))
        self.assertTrue(ReaderProfile.objects.filter(user=user).exists())

    def test_signup_form_validates_and_saves(self):
        form = SignupView.form_class(
            data={"username": "direct", "password1": PASSWORD, "password2": PASSWORD}
        )
        self.assertTrue(form.is_valid(), form.errors)
        user = form.save()
        self.assertIsInstance(user, User)
        self.assertEqual(User.objects.get(pk=user.pk).username, "direct")

    def test_signup_rejects_a_taken_username(self):
        User.objects.create_user("taken", "taken@example.com", PASSWORD)
        response = self.client.post(
            reverse("signup"),
            {"username": "taken", "password1": PASSWORD, "password2": PASSWORD},
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].has_error("username"))
        self.assertEqual(User.objects.filter(username="taken").count(), 1)


class InviteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.host = User.objects.create_user("host", "host@example.com", PASSWORD)
        cls.club = services.start_club(cls.host, "Sci-fi", "sci-fi")

    def test_host_invites_a_reader(self):
        self.client.force_login(self.host)
        response = self.client.post(
            reverse("invite_reader", args=["sci-fi"]),
            {
                "username": "friend",
                "email": "Friend@Example.com",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        self.assertRedirects(response, self.club.get_absolute_url())
        friend = User.objects.get(username="friend")
        self.assertEqual(friend.email, "friend@example.com")
        self.assertTrue(Membership.objects.filter(club=self.club, user=friend).exists())

    def test_invite_form_needs_an_email(self):
        form = InviteForm(data={"username": "friend", "password1": PASSWORD, "password2": PASSWORD})
        self.assertFalse(form.is_valid())
        self.assertIn("email", form.errors)

    def test_only_hosts_invite(self):
        stranger = User.objects.create_user("stranger", "s@example.com", PASSWORD)
        self.client.force_login(stranger)
        response = self.client.get(reverse("invite_reader", args=["sci-fi"]))
        self.assertEqual(response.status_code, 403)


class ReaderDirectoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.reader = User.objects.create_user("reader", "reader@example.com", PASSWORD)

    def test_anonymous_is_sent_to_login(self):
        response = self.client.get(reverse("reader_directory"))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("login")))

    def test_needs_view_permission(self):
        self.client.force_login(self.reader)
        self.assertEqual(self.client.get(reverse("reader_directory")).status_code, 403)

    def test_view_permission_without_change(self):
        viewer = grant(
            User.objects.create_user("viewer", "viewer@example.com", PASSWORD), "view_user"
        )
        self.client.force_login(viewer)
        response = self.client.get(reverse("reader_directory"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "reader")
        self.assertNotContains(response, reverse("admin:auth_user_changelist"))
        self.assertContains(response, reverse("reader_directory"))  # nav link needs view_user

    def test_change_permission_shows_admin_links(self):
        manager = grant(
            User.objects.create_user("manager", "manager@example.com", PASSWORD),
            "view_user",
            "change_user",
        )
        self.client.force_login(manager)
        response = self.client.get(reverse("reader_directory"))
        self.assertContains(response, reverse("admin:auth_user_changelist"))
        self.assertContains(response, reverse("admin:auth_user_change", args=[self.reader.pk]))


class ClubDetailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.owner = User.objects.create_user("owner", "owner@example.com", PASSWORD)
        cls.club = services.start_club(cls.owner, "History Club", "history")

    def test_reader_cannot_manage_readers(self):
        self.client.force_login(self.owner)
        response = self.client.get(self.club.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["is_host"])
        self.assertFalse(response.context["can_manage_readers"])

    def test_user_manager_gets_edit_links(self):
        manager = grant(
            User.objects.create_user("manager", "m@example.com", PASSWORD), "change_user"
        )
        services.join(self.club, manager)
        self.client.force_login(manager)
        response = self.client.get(self.club.get_absolute_url())
        self.assertTrue(response.context["can_manage_readers"])
        self.assertContains(response, reverse("admin:auth_user_change", args=[self.owner.pk]))


class AccountSettingsTests(TestCase):
    def test_update_account_and_profile(self):
        user = User.objects.create_user("ada", "ada@example.com", PASSWORD)
        self.client.force_login(user)
        page = self.client.get(reverse("account_settings"))
        self.assertIsInstance(page.context["account_form"], ReaderAccountForm)
        response = self.client.post(
            reverse("account_settings"),
            {
                "first_name": "Ada",
                "last_name": "Lovelace",
                "email": "countess@example.com",
                "bio": "",
                "favourite_genre": "scifi",
                "city": "London",
            },
        )
        self.assertRedirects(response, reverse("account_settings"))
        user.refresh_from_db()
        self.assertEqual(user.email, "countess@example.com")
        self.assertEqual(user.reader_profile.city, "London")


class ServiceTests(TestCase):
    def test_club_summary_and_readers_without_club(self):
        ada = User.objects.create_user("ada", "ada@example.com", PASSWORD)
        loner = User.objects.create_user("loner", "loner@example.com", PASSWORD)
        services.start_club(ada, "Ada's", "adas")
        self.assertEqual(services.club_summary(ada), {"owned": 1, "hosting": 1, "member_of": 1})
        self.assertEqual(list(services.readers_without_club()), [loner])


class SeedDemoTests(TestCase):
    def test_seed_demo_is_idempotent(self):
        call_command("seed_demo", stdout=StringIO())
        counts = {
            model: model.objects.count()
            for model in (User, Club, Membership, ReaderProfile, Book, Review, ReadingStats, Flag)
        }
        call_command("seed_demo", stdout=StringIO())
        for model, count in counts.items():
            with self.subTest(model=model.__name__):
                self.assertGreater(count, 0)
                self.assertEqual(model.objects.count(), count)
        self.assertTrue(User.objects.get(username="librarian").is_superuser)
        self.assertTrue(Book.objects.filter(added_by__username="librarian").exists())
        self.assertTrue(User.objects.get(username="ada").check_password("bookclub-demo-pass"))

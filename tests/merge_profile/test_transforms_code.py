"""The rewrites of code that read the profile: accessor paths, templates, lookups, get(), forms; and the notes."""

from __future__ import annotations

from codemods.merge_profile import index
from codemods.merge_profile.options import MovedField
from codemods.merge_profile.transforms.accessor_fields import AccessorFields
from codemods.merge_profile.transforms.migration_models import MigrationModels
from codemods.merge_profile.transforms.profile_admin import ProfileAdmin
from codemods.merge_profile.transforms.profile_forms import ProfileForms
from codemods.merge_profile.transforms.profile_get import ProfileGet
from codemods.merge_profile.transforms.profile_notes import ProfileNotes
from codemods.merge_profile.transforms.profile_queries import ProfileQueries
from codemods.merge_profile.transforms.profile_serializers import ProfileSerializers
from codemods.merge_profile.transforms.templates import Templates
from tests.transforms.tools import check_noop, check_transformed, notes_of

from .tools import OPTIONS, options

THEME = MovedField("theme", "theme", False, "models.CharField(max_length=10)", (), choices=True)
WITH_THEME = options(fields=OPTIONS.fields + (THEME,))


def test_accessor_field_reads_the_user():
    check_transformed(
        AccessorFields,
        """\
        def home(request):
            name = request.user.profile.bio
            request.user.profile.team = None
            return request.user.profile.books.all(), request.user.profile
        """,
        """\
        def home(request):
            name = request.user.bio
            request.user.team = None
            return request.user.books.all(), request.user.profile
        """,
        path="blog/views.py",
        options=OPTIONS,
    )


def test_accessor_display_method_reads_the_user():
    check_transformed(
        AccessorFields,
        """\
        label = user.profile.get_theme_display()
        """,
        """\
        label = user.get_theme_display()
        """,
        path="blog/views.py",
        options=WITH_THEME,
    )


def test_noop_accessor_of_another_model_is_a_note():
    result = check_noop(
        AccessorFields,
        """\
        bio = post.profile.bio
        """,
        path="blog/views.py",
        options=options(accessor_elsewhere=("blog.Post",)),
    )
    assert notes_of(result) == [
        "blog/views.py:1:7: note: `.profile.bio`: profiles.Profile's bio moved to "
        "accounts.User, but `profile` is also an attribute of blog.Post, so this was left as "
        "it is; if it reads a user's profile, read the field on the user [accessor_fields]"
    ]


def test_accessor_of_self_reads_the_user_in_the_user_model_only():
    check_transformed(
        AccessorFields,
        """\
        class User(AbstractUser):
            def label(self):
                return self.profile.bio
        """,
        """\
        class User(AbstractUser):
            def label(self):
                return self.bio
        """,
        path="accounts/models.py",
        module="accounts.models",
        options=OPTIONS,
    )


def test_accessor_through_a_foreign_key_to_the_user_reads_the_user():
    check_transformed(
        AccessorFields,
        """\
        signature = post.author.profile.bio
        """,
        """\
        signature = post.author.bio
        """,
        path="blog/views.py",
        options=options(user_relations=frozenset({"author"})),
    )
    check_transformed(
        Templates,
        """\
        {{ post.author.profile.bio }}
        """,
        """\
        {{ post.author.bio }}
        """,
        path="blog/templates/post.html",
        options=options(user_relations=frozenset({"author"})),
    )


def test_accessor_of_users_named_as_tests_name_them():
    check_transformed(
        AccessorFields,
        """\
        gyms = (user_a.profile.team_id, user2.profile.bio, self.user_b.profile.bio, new_user.profile.bio)
        same = (users.profile.bio, username.profile.bio)
        """,
        """\
        gyms = (user_a.team_id, user2.bio, self.user_b.bio, new_user.bio)
        same = (users.profile.bio, username.profile.bio)
        """,
        path="blog/tests.py",
        options=OPTIONS,
    )


def test_noop_accessor_of_self_elsewhere_is_the_profile_itself():
    # a test case's or a view's `self.profile` is a profile: it reads the field through the compatibility layer
    result = check_noop(
        AccessorFields,
        """\
        class ProfileTests(TestCase):
            def test_bio(self):
                self.assertEqual(self.profile.bio, "")
        """,
        path="blog/tests.py",
        options=OPTIONS,
    )
    assert notes_of(result) == []


def test_noop_accessor_of_what_is_not_known_to_be_a_user_is_a_note():
    result = check_noop(
        AccessorFields,
        """\
        code = request.profile.bio
        names = [m.profile.bio for m in members]
        """,
        path="blog/views.py",
        options=OPTIONS,
    )
    assert notes_of(result) == [
        "blog/views.py:%d:%d: note: `.profile.bio`: not known to be a user's profile, so this was left as it is; it "
        "reads bio through the compatibility layer for now: if it is a user's, read the field on the user "
        "(`<user>.bio`) before the layer goes [accessor_fields]" % at
        for at in ((1, 8), (2, 10))
    ]


def test_noop_accessor_with_a_field_that_stays():
    check_noop(AccessorFields, "x = user.profile.user_id\n", path="blog/views.py", options=OPTIONS)


def test_template_paths_read_the_user():
    check_transformed(
        Templates,
        """\
        <p>{{ user.profile.bio|linebreaks }}</p>
        {% if request.user.profile.team %}{{ request.user.profile.team.name }}{% endif %}
        <p>user.profile.bio stays outside tags</p>
        """,
        """\
        <p>{{ user.bio|linebreaks }}</p>
        {% if request.user.team %}{{ request.user.team.name }}{% endif %}
        <p>user.profile.bio stays outside tags</p>
        """,
        path="blog/templates/home.html",
        options=OPTIONS,
    )


def test_noop_template_path_of_what_is_not_known_to_be_a_user_is_a_note():
    result = check_noop(
        Templates,
        """\
        <p>{{ object.profile.bio }}</p>
        """,
        path="blog/templates/home.html",
        options=OPTIONS,
    )
    assert [n.split(": note: ")[0] for n in notes_of(result)] == ["blog/templates/home.html:1:13"]
    assert "not known to be a user's profile" in notes_of(result)[0]


def test_profile_lookups_follow_the_link():
    check_transformed(
        ProfileQueries,
        """\
        from profiles.models import Profile

        dark = Profile.objects.filter(bio__icontains="x", user__is_active=True).order_by("-bio", "user")
        """,
        """\
        from profiles.models import Profile

        dark = Profile.objects.filter(user__bio__icontains="x", user__is_active=True).order_by("-user__bio", "user")
        """,
        path="blog/views.py",
        options=OPTIONS,
    )


def test_lookups_on_a_local_queryset_of_the_profile_follow_the_link():
    check_transformed(
        ProfileQueries,
        """\
        from profiles.models import Profile


        def reminders(now):
            q = Profile.objects.order_by("id")
            q = q.filter(bio__gt="", user__is_active=True)
            first = q.first()
            other = Post.objects.filter(bio="x")
            return q.exclude(bio="x"), other
        """,
        """\
        from profiles.models import Profile


        def reminders(now):
            q = Profile.objects.order_by("id")
            q = q.filter(user__bio__gt="", user__is_active=True)
            first = q.first()
            other = Post.objects.filter(bio="x")
            return q.exclude(user__bio="x"), other
        """,
        path="blog/views.py",
        options=OPTIONS,
    )


def test_q_and_f_inside_a_query_of_the_profile_follow_the_link():
    check_transformed(
        ProfileQueries,
        """\
        from django.db.models import F, Q
        from profiles.models import Profile

        late = Profile.objects.filter(Q(bio="") | Q(user__is_active=False)).exclude(user__last_login__gt=F("bio"))
        other = Post.objects.filter(Q(bio=""), title=F("bio"))
        """,
        """\
        from django.db.models import F, Q
        from profiles.models import Profile

        late = Profile.objects.filter(Q(user__bio="") | Q(user__is_active=False)).exclude(user__last_login__gt=F("user__bio"))
        other = Post.objects.filter(Q(bio=""), title=F("bio"))
        """,
        path="blog/views.py",
        options=OPTIONS,
    )


def test_noop_a_q_of_a_moved_field_outside_a_query_is_a_note():
    result = check_noop(
        ProfileQueries,
        """\
        from django.db.models import Q
        from profiles.models import Profile

        due = Q(bio__isnull=True)
        found = Profile.objects.filter(due)
        """,
        path="blog/views.py",
        options=OPTIONS,
    )
    assert notes_of(result) == [
        "blog/views.py:4:7: note: Q(bio__isnull): bio moved from profiles.Profile to accounts.User; if this Q "
        "filters profiles.Profile, the compatibility layer follows the link for this release: write the lookup "
        "user__bio__isnull before it goes [profile_queries]"
    ]


def test_noop_lookups_on_a_name_no_longer_the_profiles():
    check_noop(
        ProfileQueries,
        """\
        from profiles.models import Profile


        def reminders(posts):
            q = Profile.objects.all()
            q = posts
            return q.filter(bio="x")


        def elsewhere(q):
            return q.filter(bio="x")
        """,
        path="blog/views.py",
        options=OPTIONS,
    )


def test_values_of_a_moved_field_keep_its_name_in_the_rows():
    check_transformed(
        ProfileQueries,
        """\
        from django.db.models import Count
        from profiles.models import Profile

        rows = Profile.objects.values("bio", "id", 'team_id', flat=False).annotate(n=Count("id"))
        pairs = Profile.objects.values_list("bio", "id")
        """,
        """\
        from django.db.models import Count, F
        from profiles.models import Profile

        rows = Profile.objects.values("id", bio=F("user__bio"), team_id=F('user__team_id'), flat=False).annotate(n=Count("id"))
        pairs = Profile.objects.values_list("user__bio", "id")
        """,
        path="blog/views.py",
        options=OPTIONS,
    )


def test_lookups_through_the_accessor_drop_it():
    check_transformed(
        ProfileQueries,
        """\
        from django.db.models import Q

        readers = User.objects.filter(profile__bio="", author__profile__team=None).values("profile__books")
        either = Q(profile__bio="x")
        """,
        """\
        from django.db.models import Q

        readers = User.objects.filter(bio="", author__team=None).values("books")
        either = Q(bio="x")
        """,
        path="blog/views.py",
        options=OPTIONS,
    )


def test_update_of_moved_fields_is_a_note():
    result = check_noop(
        ProfileQueries,
        """\
        from profiles.models import Profile

        Profile.objects.filter(user__is_active=False).update(bio="")
        """,
        path="blog/views.py",
        options=OPTIONS,
    )
    assert (
        "update(bio) on profiles.Profile: those fields moved to accounts.User"
        in notes_of(result)[0]
    )


def test_noop_lookups_of_another_model():
    check_noop(
        ProfileQueries,
        """\
        from blog.models import Post

        Post.objects.filter(bio="x").order_by("bio")
        """,
        path="blog/views.py",
        options=OPTIONS,
    )


def test_get_by_user_reads_the_user():
    check_transformed(
        ProfileGet,
        """\
        from profiles.models import Profile

        def show(request, user):
            a = Profile.objects.get(user=request.user).bio
            b = Profile.objects.get_or_create(user=self.request.user)[0].team
            c = Profile.objects.get(user=user).bio  # maybe an older copy than the database: the query stays
            d = Profile.objects.get(user=self.user).bio
            return a, b, c, d
        """,
        """\
        from profiles.models import Profile

        def show(request, user):
            a = request.user.bio
            b = self.request.user.team
            c = Profile.objects.get(user=user).bio  # maybe an older copy than the database: the query stays
            d = Profile.objects.get(user=self.user).bio
            return a, b, c, d
        """,
        path="blog/views.py",
        options=OPTIONS,
    )


FORMS = frozenset({"blog.forms.ProfileForm"})


def test_profile_form_edits_the_user():
    check_transformed(
        ProfileForms,
        """\
        from django import forms

        from profiles.models import Profile


        class ProfileForm(forms.ModelForm):
            class Meta:
                model = Profile
                exclude = ["user", "books"]
        """,
        """\
        from django import forms
        from django.contrib.auth import get_user_model

        from profiles.models import Profile


        class ProfileForm(forms.ModelForm):
            class Meta:
                model = get_user_model()
                fields = ["bio", "team"]
        """,
        path="blog/forms.py",
        options=options(profile_forms=FORMS),
    )


def test_profile_form_methods_reading_the_instance_are_notes():
    result = check_transformed(
        ProfileForms,
        """\
        from django import forms

        from profiles.models import Profile


        class ProfileForm(forms.ModelForm):
            class Meta:
                model = Profile
                fields = ["bio"]

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields["email"] = forms.EmailField(initial=self.instance.user.email)

            def clean_bio(self):
                return self.cleaned_data["bio"].strip()
        """,
        """\
        from django import forms
        from django.contrib.auth import get_user_model

        from profiles.models import Profile


        class ProfileForm(forms.ModelForm):
            class Meta:
                model = get_user_model()
                fields = ["bio"]

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields["email"] = forms.EmailField(initial=self.instance.user.email)

            def clean_bio(self):
                return self.cleaned_data["bio"].strip()
        """,
        path="blog/forms.py",
        options=options(profile_forms=FORMS),
    )
    assert [n.split(": note: ")[1][:53] for n in notes_of(result)] == [
        "ProfileForm.__init__ reads the form's instance, which"
    ]
    assert notes_of(result)[0].startswith("blog/forms.py:11:5: ")


def test_profile_form_instance_is_the_user():
    check_transformed(
        ProfileForms,
        """\
        from blog.forms import ProfileForm

        def edit(request):
            form = ProfileForm(request.POST or None, instance=request.user.profile)
            return form

        def settings(request):
            profile = request.user.profile
            return ProfileForm(request.POST or None, instance=profile), profile
        """,
        """\
        from blog.forms import ProfileForm

        def edit(request):
            form = ProfileForm(request.POST or None, instance=request.user)
            return form

        def settings(request):
            profile = request.user.profile
            return ProfileForm(request.POST or None, instance=request.user), profile
        """,
        path="blog/views.py",
        options=options(profile_forms=FORMS),
    )


def test_profile_form_as_a_class_attribute_of_the_view_edits_the_user():
    """A view that keeps the form class as an attribute and calls `self.<attribute>(...)`: the instance is the
    user, and the statement that linked the saved profile to the user goes (it would now link the user to itself,
    which Django refuses)."""
    check_transformed(
        ProfileForms,
        """\
        from blog import forms


        class Settings(View):
            form_user_class = forms.UserForm
            form_settings_class = forms.ProfileForm

            def get(self, request):
                settings = request.user.profile
                return self.form_settings_class(instance=settings)

            def post(self, request):
                form_user = self.form_user_class(instance=request.user, data=request.POST)
                form_settings = self.form_settings_class(
                    instance=request.user.profile, data=request.POST
                )
                if form_user.is_valid() and form_settings.is_valid():
                    user = form_user.save(commit=False)
                    user_settings = form_settings.save(commit=False)
                    user.profile = user_settings
                    user.save()
                    return user
        """,
        """\
        from blog import forms


        class Settings(View):
            form_user_class = forms.UserForm
            form_settings_class = forms.ProfileForm

            def get(self, request):
                settings = request.user.profile
                return self.form_settings_class(instance=request.user)

            def post(self, request):
                form_user = self.form_user_class(instance=request.user, data=request.POST)
                form_settings = self.form_settings_class(
                    instance=request.user, data=request.POST
                )
                if form_user.is_valid() and form_settings.is_valid():
                    user = form_user.save(commit=False)
                    user_settings = form_settings.save(commit=False)
                    user.save()
                    return user
        """,
        path="blog/views.py",
        options=options(profile_forms=FORMS),
    )


def test_noop_a_profile_saved_from_another_form_stays_linked():
    assert (
        notes_of(
            check_noop(
                ProfileForms,
                """\
                from blog import forms


                class Settings(View):
                    form_class = forms.OtherForm

                    def post(self, request):
                        form = self.form_class(instance=request.user.profile, data=request.POST)
                        profile = form.save(commit=False)
                        request.user.profile = profile
                """,
                path="blog/views.py",
                options=options(profile_forms=FORMS),
            )
        )
        == []
    )


def test_profile_form_with_another_instance_is_a_note():
    result = check_noop(
        ProfileForms,
        """\
        from django.views.generic import UpdateView

        from blog.forms import ProfileForm


        def edit(request, profile):
            return ProfileForm(instance=profile)


        class Edit(UpdateView):
            form_class = ProfileForm
        """,
        path="blog/views.py",
        options=options(profile_forms=FORMS),
    )
    assert [n.split(": note: ")[1][:40] for n in notes_of(result)] == [
        "ProfileForm now edits accounts.User: pas",
        "form_class ProfileForm now edits account",
    ]


def test_notes_on_save_managers_and_inlines():
    result = check_noop(
        ProfileNotes,
        """\
        from django.contrib import admin
        from django.db import models


        class Profile(models.Model):
            objects = ProfileManager()

            def save(self, *args, **kwargs):
                super().save(*args, **kwargs)


        class ProfileInline(admin.StackedInline):
            model = Profile
        """,
        path="profiles/models.py",
        options=OPTIONS,
    )
    assert [n.split(": note: ")[1].split(":")[0].split(" ")[0:2] for n in notes_of(result)] == [
        ["manager", "Profile.objects"],
        ["Profile.save()", "is"],
        ["admin", "inline"],
    ]


def test_noop_notes_for_another_modules_profile_and_other_models():
    result = check_noop(
        ProfileNotes,
        """\
        from django.contrib import admin
        from django.db import models

        from blog.models import Post


        class Profile(models.Model):
            objects = ProfileManager()

            def save(self, *args, **kwargs):
                super().save(*args, **kwargs)


        class PostInline(admin.StackedInline):
            model = Post


        class ProfileAdmin(admin.ModelAdmin):
            class Meta:
                model = Profile
        """,
        path="blog/models.py",
        options=OPTIONS,
    )
    assert notes_of(result) == []


def test_admin_lookups_follow_the_link():
    check_transformed(
        ProfileAdmin,
        """\
        from django.contrib import admin

        from profiles.models import Profile


        @admin.register(Profile)
        class ProfileAdmin(admin.ModelAdmin):
            list_display = ["user", "bio"]
            list_filter = ("team", "user__is_staff")
            search_fields = ["^bio", "user__username"]
            ordering = ["-bio"]


        class Other(UserAdmin):
            list_filter = UserAdmin.list_filter + ("team", "profile__theme")
        """,
        """\
        from django.contrib import admin

        from profiles.models import Profile


        @admin.register(Profile)
        class ProfileAdmin(admin.ModelAdmin):
            list_display = ["user", "bio"]
            list_filter = ("user__team", "user__is_staff")
            search_fields = ["^user__bio", "user__username"]
            ordering = ["-user__bio"]


        class Other(UserAdmin):
            list_filter = UserAdmin.list_filter + ("team", "theme")
        """,
        path="profiles/admin.py",
        options=WITH_THEME,
    )


def test_admin_registered_by_call():
    check_transformed(
        ProfileAdmin,
        """\
        from django.contrib import admin

        from profiles.models import Profile


        class ProfileAdmin(admin.ModelAdmin):
            list_filter = ["team"]


        admin.site.register(Profile, ProfileAdmin)
        """,
        """\
        from django.contrib import admin

        from profiles.models import Profile


        class ProfileAdmin(admin.ModelAdmin):
            list_filter = ["user__team"]


        admin.site.register(Profile, ProfileAdmin)
        """,
        path="profiles/admin.py",
        options=OPTIONS,
    )


def test_the_profile_re_exported_by_its_package_is_the_profile():
    # wger: `from wger.core.models import UserProfile` (wger/core/models/__init__.py re-exports it from
    # .profile); its queries and its model forms were left as they were, and the forms' Meta.fields named
    # fields the profile no longer has (FieldError when the URLconf imported them)
    files = {
        "profiles/__init__.py": "",
        "profiles/models/__init__.py": "from .profile import Profile\nfrom .team import Team\n",
        "profiles/models/profile.py": "class Profile(models.Model):\n    pass\n",
        "blog/__init__.py": "from profiles.models import Profile\n",  # not a package above the profile
        "blog/forms.py": (
            "from profiles.models import Profile\n\n\nclass BioForm(forms.ModelForm):\n"
            "    class Meta:\n        model = Profile\n        fields = ('bio',)\n"
        ),
    }

    def module_of(path):
        return path[: -len(".py")].replace("/", ".").removesuffix(".__init__"), path.endswith(
            "__init__.py"
        )

    aliases = index.reexports(files, module_of, files.get, "profiles.models.profile", "Profile")
    assert aliases == frozenset({"profiles.models.Profile"})
    assert index.profile_forms(
        files, module_of, files.get, "profiles.models.profile", "Profile", aliases
    ) == frozenset({"blog.forms.BioForm"})
    check_transformed(
        ProfileQueries,
        """\
        from profiles.models import Profile

        dark = Profile.objects.filter(bio__icontains="x")
        """,
        """\
        from profiles.models import Profile

        dark = Profile.objects.filter(user__bio__icontains="x")
        """,
        path="blog/views.py",
        options=options(profile_module="profiles.models.profile", profile_aliases=aliases),
    )


def test_the_profile_admins_widgets_drop_moved_many_to_many_fields():
    # tandoor: filter_horizontal = ('plan_share', 'shopping_share',) on UserPreference's admin; once they moved,
    # `check` failed (admin.E019: not a field of the profile) and the whole merge was put back
    result = check_transformed(
        ProfileAdmin,
        """\
        from django.contrib import admin

        from profiles.models import Profile


        @admin.register(Profile)
        class ProfileAdmin(admin.ModelAdmin):
            filter_horizontal = ("books",)
            filter_vertical = ("books", "tags")


        class OtherAdmin(admin.ModelAdmin):
            filter_horizontal = ("books",)
        """,
        """\
        from django.contrib import admin

        from profiles.models import Profile


        @admin.register(Profile)
        class ProfileAdmin(admin.ModelAdmin):
            filter_vertical = ("tags",)


        class OtherAdmin(admin.ModelAdmin):
            filter_horizontal = ("books",)
        """,
        path="profiles/admin.py",
        options=OPTIONS,
    )
    assert notes_of(result) == [
        "profiles/admin.py:7:1: note: filter_horizontal named books, which moved to accounts.User: dropped "
        "from the profile's admin, whose form no longer has them; edit them in the user's admin (add them to "
        "its filter_horizontal there) [profile_admin]",
        "profiles/admin.py:7:1: note: filter_vertical named books, which moved to accounts.User: dropped "
        "from the profile's admin, whose form no longer has them; edit them in the user's admin (add them to "
        "its filter_vertical there) [profile_admin]",
    ]


def test_a_migration_importing_the_live_profile_reads_the_historical_one():
    # tandoor's 0237: the live UserPreference had no default_meal_type_id any more, and `migrate` failed on
    # every new database (FieldDoesNotExist), the test database included: every test errored
    check_transformed(
        MigrationModels,
        """\
        from django.db import migrations

        from profiles.models import Profile, Team


        def forwards(apps, schema_editor):
            \"\"\"Copy the bios.\"\"\"
            Team = apps.get_model("profiles", "Team")
            Profile.objects.bulk_update([], ["bio"])


        class Migration(migrations.Migration):
            operations = [migrations.RunPython(forwards)]
        """,
        """\
        from django.db import migrations

        from profiles.models import Team


        def forwards(apps, schema_editor):
            \"\"\"Copy the bios.\"\"\"
            Profile = apps.get_model("profiles", "Profile")
            Team = apps.get_model("profiles", "Team")
            Profile.objects.bulk_update([], ["bio"])


        class Migration(migrations.Migration):
            operations = [migrations.RunPython(forwards)]
        """,
        path="profiles/migrations/0004_bios.py",
        options=OPTIONS,
    )
    check_noop(
        MigrationModels,
        """\
        from profiles.models import Profile


        def forwards(apps, schema_editor):
            Profile.objects.filter(user=None).delete()
        """,
        path="profiles/migrations/0005_clean.py",
        options=OPTIONS,
    )


def test_serializers_of_the_profile_build_the_moved_fields_from_the_users():
    result = check_transformed(
        ProfileSerializers,
        """\
        from rest_framework import serializers
        from drf_writable_nested import WritableNestedModelSerializer

        from profiles.models import Profile
        from blog.models import Post


        class ProfileSerializer(serializers.ModelSerializer):
            class Meta:
                model = Profile
                fields = ("bio", "team")


        class NestedProfileSerializer(WritableNestedModelSerializer):
            class Meta:
                model = Profile
                fields = "__all__"


        class PostSerializer(serializers.ModelSerializer):
            class Meta:
                model = Post
                fields = "__all__"
        """,
        """\
        from rest_framework import serializers
        from drf_writable_nested import WritableNestedModelSerializer

        from profiles.merged_fields import ProfileSerializerFields
        from profiles.models import Profile
        from blog.models import Post


        class ProfileSerializer(ProfileSerializerFields, serializers.ModelSerializer):
            class Meta:
                model = Profile
                fields = ("bio", "team")


        class NestedProfileSerializer(ProfileSerializerFields, WritableNestedModelSerializer):
            class Meta:
                model = Profile
                fields = "__all__"


        class PostSerializer(serializers.ModelSerializer):
            class Meta:
                model = Post
                fields = "__all__"
        """,
        path="blog/api.py",
        options=options(layer_module="profiles.merged_fields"),
    )
    assert [n.split(": note: ")[1][:40] for n in notes_of(result)] == [
        "serializer ProfileSerializer of profiles",
        "serializer NestedProfileSerializer of pr",
    ]


def test_noop_serializers_are_no_class_notes_and_other_classes_are():
    result = check_noop(
        ProfileNotes,
        """\
        from rest_framework import serializers

        from profiles.models import Profile


        class ProfileSerializer(serializers.ModelSerializer):
            class Meta:
                model = Profile


        class ProfileFilter(FilterSet):
            class Meta:
                model = Profile
        """,
        path="blog/api.py",
        options=OPTIONS,
    )
    assert [n.split(": note: ")[1][:28] for n in notes_of(result)] == [
        "ProfileFilter is bound to pr"
    ]

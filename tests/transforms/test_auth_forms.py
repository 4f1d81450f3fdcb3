from dataclasses import replace

from codemods.core.transform import FileInfo
from codemods.swap_user.transform_facts import AuthForm
from codemods.swap_user.transforms.auth_forms import AuthForms

from .tools import check_noop, check_transformed, notes_of, options, styled

FIRST_PARTY = styled(first_party=frozenset({"accounts", "blog", "hc"}))


def facts_of(result):
    return result.facts if result else []


def test_direct_use_in_a_view():
    result = check_transformed(
        AuthForms,
        """\
        from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
        from django.views.generic import CreateView

        from blog.models import Post


        class SignUpView(CreateView):
            form_class = UserCreationForm


        def signup(request):
            form = UserCreationForm(request.POST)
            return AuthenticationForm(request)
        """,
        """\
        from django.contrib.auth.forms import AuthenticationForm
        from django.views.generic import CreateView

        from accounts.forms import UserCreationForm
        from blog.models import Post


        class SignUpView(CreateView):
            form_class = UserCreationForm


        def signup(request):
            form = UserCreationForm(request.POST)
            return AuthenticationForm(request)
        """,
        path="blog/views.py",
        options=FIRST_PARTY,
    )
    assert facts_of(result) == [AuthForm("UserCreationForm")]
    assert notes_of(result) == []


def test_subclass_without_its_own_meta_model():
    result = check_transformed(
        AuthForms,
        """\
        from django import forms
        from django.contrib.auth.forms import UserChangeForm, UserCreationForm


        class SignUpForm(UserCreationForm):
            email = forms.EmailField()

            class Meta(UserCreationForm.Meta):
                fields = ("username", "email")


        class ProfileForm(UserChangeForm):
            pass
        """,
        """\
        from django import forms

        from accounts.forms import UserChangeForm, UserCreationForm


        class SignUpForm(UserCreationForm):
            email = forms.EmailField()

            class Meta(UserCreationForm.Meta):
                fields = ("username", "email")


        class ProfileForm(UserChangeForm):
            pass
        """,
        path="blog/forms.py",
        options=FIRST_PARTY,
    )
    assert facts_of(result) == [
        AuthForm("UserCreationForm"),
        AuthForm("UserChangeForm"),
    ]


def test_user_admin_forms():
    result = check_transformed(
        AuthForms,
        """\
        from django.contrib import admin
        from django.contrib.auth.admin import UserAdmin
        from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm


        class MyUserAdmin(UserAdmin):
            form = UserChangeForm
            add_form = AdminUserCreationForm
        """,
        """\
        from django.contrib import admin
        from django.contrib.auth.admin import UserAdmin

        from accounts.forms import AdminUserCreationForm, UserChangeForm


        class MyUserAdmin(UserAdmin):
            form = UserChangeForm
            add_form = AdminUserCreationForm
        """,
        path="blog/admin.py",
        options=FIRST_PARTY,
    )
    assert facts_of(result) == [
        AuthForm("UserChangeForm"),
        AuthForm("AdminUserCreationForm"),
    ]


def test_several_inheritance_without_meta():
    result = check_transformed(
        AuthForms,
        """\
        # -*- coding: utf-8 -*-
        from django import forms
        from django.contrib.auth.forms import PasswordChangeForm, UserCreationForm


        class UserAddForm(BabyBuddyUserForm, UserCreationForm):
            pass
        """,
        """\
        # -*- coding: utf-8 -*-
        from django import forms
        from django.contrib.auth.forms import PasswordChangeForm

        from accounts.forms import UserCreationForm


        class UserAddForm(BabyBuddyUserForm, UserCreationForm):
            pass
        """,
        path="babybuddy/forms.py",
        options=FIRST_PARTY,
    )
    assert facts_of(result) == [AuthForm("UserCreationForm")]


def test_alias_is_kept():
    result = check_transformed(
        AuthForms,
        """\
        from django.contrib.auth.forms import BaseUserCreationForm as BaseForm


        class SignUpForm(BaseForm):
            pass
        """,
        """\
        from accounts.forms import BaseUserCreationForm as BaseForm


        class SignUpForm(BaseForm):
            pass
        """,
        path="blog/forms.py",
    )
    assert facts_of(result) == [AuthForm("BaseUserCreationForm")]


def test_comment_above_a_removed_import_is_kept():
    check_transformed(
        AuthForms,
        """\
        from django import forms

        # Django's sign-up form
        from django.contrib.auth.forms import UserCreationForm

        from blog.models import Post

        FORM = UserCreationForm
        """,
        """\
        from django import forms

        # Django's sign-up form

        from accounts.forms import UserCreationForm
        from blog.models import Post

        FORM = UserCreationForm
        """,
        path="blog/forms.py",
        options=FIRST_PARTY,
    )


def test_module_alias_becomes_the_bare_name():
    result = check_transformed(
        AuthForms,
        """\
        from django.contrib.auth import forms as auth_forms
        from django.views.generic import CreateView


        class SignUpView(CreateView):
            form_class = auth_forms.UserCreationForm
        """,
        """\
        from django.views.generic import CreateView

        from accounts.forms import UserCreationForm


        class SignUpView(CreateView):
            form_class = UserCreationForm
        """,
        path="blog/views.py",
        options=FIRST_PARTY,
    )
    assert facts_of(result) == [AuthForm("UserCreationForm")]


def test_module_alias_kept_while_still_used():
    check_transformed(
        AuthForms,
        """\
        from django.contrib.auth import forms as auth_forms


        class SignUpForm(auth_forms.UserCreationForm):
            class Meta(auth_forms.UserCreationForm.Meta):
                fields = ("username",)


        LOGIN = auth_forms.AuthenticationForm
        """,
        """\
        from django.contrib.auth import forms as auth_forms

        from accounts.forms import UserCreationForm


        class SignUpForm(UserCreationForm):
            class Meta(UserCreationForm.Meta):
                fields = ("username",)


        LOGIN = auth_forms.AuthenticationForm
        """,
        path="blog/forms.py",
        options=FIRST_PARTY,
    )


def test_dotted_module_import():
    check_transformed(
        AuthForms,
        """\
        import django.contrib.auth.forms
        from django import forms

        FORM = django.contrib.auth.forms.UserChangeForm
        """,
        """\
        from django import forms

        from accounts.forms import UserChangeForm

        FORM = UserChangeForm
        """,
        path="blog/forms.py",
        options=FIRST_PARTY,
    )


def test_same_name_taken_uses_the_app_forms_module():
    result = check_transformed(
        AuthForms,
        """\
        from django.contrib.auth import forms as auth_forms


        class UserCreationForm(auth_forms.UserCreationForm):
            class Meta(auth_forms.UserCreationForm.Meta):
                fields = ("username", "email")
        """,
        """\
        from accounts import forms as accounts_forms


        class UserCreationForm(accounts_forms.UserCreationForm):
            class Meta(accounts_forms.UserCreationForm.Meta):
                fields = ("username", "email")
        """,
        path="blog/forms.py",
        options=FIRST_PARTY,
    )
    assert facts_of(result) == [AuthForm("UserCreationForm")]


def test_both_names_taken_is_a_note():
    result = check_noop(
        AuthForms,
        """\
        from django.contrib.auth import forms as auth_forms

        accounts_forms = None


        class UserCreationForm(auth_forms.UserCreationForm):
            pass
        """,
        path="blog/forms.py",
    )
    assert notes_of(result) == [
        "blog/forms.py:6:24: note: auth_forms.UserCreationForm is Django's UserCreationForm, bound to auth's User;"
        " the new app's forms.py has one bound to the new User, but both UserCreationForm and accounts_forms"
        " already mean something else here, so it was left as it is; import UserCreationForm from accounts.forms"
        " under another name and use it here [auth_forms]"
    ]


def test_nested_app_module():
    result = check_transformed(
        AuthForms,
        """\
        from django.contrib.auth.forms import UserCreationForm

        FORM = UserCreationForm
        """,
        """\
        from hc.users.forms import UserCreationForm

        FORM = UserCreationForm
        """,
        path="hc/front/forms.py",
        options=replace(
            styled(first_party=frozenset({"hc"})), label="users", app_module="hc.users"
        ),
    )
    assert facts_of(result) == [AuthForm("UserCreationForm")]


def test_local_import_in_a_function():
    check_transformed(
        AuthForms,
        """\
        from django.shortcuts import render


        def signup(request):
            from django.contrib.auth.forms import UserCreationForm

            return render(request, "signup.html", {"form": UserCreationForm()})
        """,
        """\
        from django.shortcuts import render

        from accounts.forms import UserCreationForm


        def signup(request):

            return render(request, "signup.html", {"form": UserCreationForm()})
        """,
        path="blog/views.py",
        options=FIRST_PARTY,
    )


def test_one_use_needing_it_switches_the_name_for_the_file():
    result = check_transformed(
        AuthForms,
        """\
        from django.contrib.auth.forms import UserCreationForm

        from accounts.models import Customer


        class CustomerForm(UserCreationForm):
            class Meta(UserCreationForm.Meta):
                model = Customer


        DEFAULT = UserCreationForm
        """,
        """\
        from accounts.forms import UserCreationForm
        from accounts.models import Customer


        class CustomerForm(UserCreationForm):
            class Meta(UserCreationForm.Meta):
                model = Customer


        DEFAULT = UserCreationForm
        """,
        path="blog/forms.py",
        options=FIRST_PARTY,
    )
    assert facts_of(result) == [AuthForm("UserCreationForm")]


def test_noop_own_meta_model():
    result = check_noop(
        AuthForms,
        """\
        from django.contrib.auth import forms as auth_forms
        from django.contrib.auth.forms import UserChangeForm, UserCreationForm
        from django.contrib.auth.models import User

        from blog.models import Customer


        class SignUpForm(UserCreationForm):
            class Meta:
                model = User
                fields = ("username",)


        class CustomerForm(UserCreationForm):
            class Meta(UserCreationForm.Meta):
                model = Customer


        class ProfileForm(UserChangeForm):
            class Meta: model = User


        class AnnotatedForm(auth_forms.BaseUserCreationForm):
            class Meta(auth_forms.BaseUserCreationForm.Meta):
                model: type = Customer
        """,
        path="blog/forms.py",
    )
    assert facts_of(result) == []


def test_noop_local_class_named_like_the_form():
    check_noop(
        AuthForms,
        """\
        from django import forms


        class UserCreationForm(forms.Form):
            pass


        class SignUpForm(UserCreationForm):
            pass


        FORM = UserCreationForm
        """,
        path="blog/forms.py",
    )


def test_noop_project_module_named_forms():
    check_noop(
        AuthForms,
        """\
        from .forms import UserCreationForm
        from blog import forms as auth_forms

        FORM = UserCreationForm
        OTHER = auth_forms.UserChangeForm
        """,
        path="blog/views.py",
    )


def test_noop_already_switched():
    check_noop(
        AuthForms,
        """\
        from accounts.forms import UserCreationForm

        FORM = UserCreationForm
        """,
        path="blog/views.py",
    )


def test_noop_the_new_apps_forms_module():
    info = FileInfo("accounts/forms.py", "python", "accounts.forms", False)
    text = "from django.contrib.auth import forms as auth_forms\nclass UserCreationForm(auth_forms.UserCreationForm): pass\n"
    assert not AuthForms.wants(text, options(), info)
    nested = FileInfo("hc/users/forms.py", "python", "hc.users.forms", False)
    assert not AuthForms.wants(text, options(app_module="hc.users"), nested)
    assert AuthForms.wants(text, options(), nested)
    check_noop(AuthForms, text, path="accounts/forms.py")
    check_noop(AuthForms, text, path="hc/users/forms.py", options=options(app_module="hc.users"))


def test_noop_not_wanted():
    info = FileInfo("blog/forms.py", "python", "blog.forms", False)
    assert not AuthForms.wants(
        "from django.contrib.auth.forms import AuthenticationForm\n", options(), info
    )
    check_noop(
        AuthForms,
        "from django.contrib.auth.forms import AuthenticationForm\n\nFORM = AuthenticationForm\n",
        path="blog/forms.py",
    )
    migration = FileInfo("blog/migrations/0001_initial.py", "migration", None, False)
    assert not AuthForms.wants("UserCreationForm\n", options(), migration)

from django import forms
from django.contrib.auth import models as auth_models
from django.contrib.auth.forms import UserChangeForm, UserCreationForm

from .models import Profile


class SignupForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")

    def clean_email(self):
        email = self.cleaned_data.get("email", "").strip().lower()
        if not email:
            raise forms.ValidationError("We need an e-mail address to send the newsletter.")
        return email


class AccountForm(forms.ModelForm):
    class Meta:
        model = auth_models.User
        fields = ("first_name", "last_name", "email")


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ("display_name", "bio")


class ContributorChangeForm(UserChangeForm):
    """The desk fixes contributors' accounts; privileges stay in the admin."""

    PRIVILEGED = ("is_superuser", "is_staff", "groups", "user_permissions")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.PRIVILEGED:
            self.fields.pop(name, None)

    def clean_username(self):
        return self.cleaned_data["username"].lower()

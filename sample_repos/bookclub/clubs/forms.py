from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User

from .models import ReaderProfile


class ReaderAccountForm(forms.ModelForm):
    """The account part of the settings page."""

    class Meta:
        model = User
        fields = ("first_name", "last_name", "email")


class ReaderProfileForm(forms.ModelForm):
    class Meta:
        model = ReaderProfile
        fields = ("bio", "favourite_genre", "city")


class InviteForm(UserCreationForm):
    """A host creates an account for a friend and adds them to the club."""

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if not email:
            raise forms.ValidationError("An invitation needs an e-mail address.")
        return email

from django import forms

from .models import Preferences


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = Preferences
        fields = ["frequency", "theme", "language", "email_digest", "email_mentions", "items_per_page"]

from django import forms
from django.contrib.auth.forms import UserChangeForm

from .models import Comment, Ticket, User


class TicketForm(forms.ModelForm):
    class Meta:
        model = Ticket
        fields = ("queue", "subject", "description", "priority")


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ("body", "is_internal")


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        queryset=User.objects.filter(is_staff=True, is_active=True).order_by("username")
    )


class AgentChangeForm(UserChangeForm):
    """Used by the user admin and by supervisors on the agent pages."""

    class Meta(UserChangeForm.Meta):
        fields = ("username", "first_name", "last_name", "email", "is_active", "is_staff")

    def clean_email(self):
        email = self.cleaned_data.get("email", "").strip().lower()
        if email and User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Another account already uses this address.")
        return email

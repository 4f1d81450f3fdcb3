from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView

from . import follows
from .forms import AccountForm, ProfileForm, SignupForm
from .models import User


class SignupView(CreateView):
    form_class = SignupForm
    template_name = "registration/signup.html"
    success_url = reverse_lazy("login")


def author(request, username):
    person = get_object_or_404(User.objects.select_related("profile"), username=username)
    context = {
        "person": person,
        "articles": person.articles.filter(status="published"),
        "followers": follows.followers_of(person).count(),
        "following": request.user.is_authenticated
        and follows.followed_authors(request.user).filter(pk=person.pk).exists(),
    }
    return render(request, "profiles/author.html", context)


@login_required
@require_POST
def toggle_follow(request, username):
    person = get_object_or_404(User, username=username)
    if follows.followed_authors(request.user).filter(pk=person.pk).exists():
        follows.unfollow_author(request.user, person)
    else:
        follows.follow(request.user, person)
    return redirect("profiles:author", username=username)


@login_required
def account(request):
    account_form = AccountForm(request.POST or None, instance=request.user)
    profile_form = ProfileForm(request.POST or None, instance=request.user.profile)
    if request.method == "POST" and account_form.is_valid() and profile_form.is_valid():
        account_form.save()
        profile_form.save()
        messages.success(request, "Saved.")
        return redirect("profiles:account")
    context = {
        "account_form": account_form,
        "profile_form": profile_form,
        "notifications": request.user.notification_settings,
    }
    return render(request, "profiles/account.html", context)

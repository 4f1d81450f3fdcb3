"""Log in as any account with one click. Only installed by the dev and test settings."""

from django.contrib.auth import login
from django.contrib.auth import models as auth_models
from django.contrib.auth.decorators import user_passes_test
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

superuser_required = user_passes_test(lambda user: user.is_active and user.is_superuser)


@superuser_required
def switch_user(request):
    accounts = auth_models.User.objects.filter(is_active=True).order_by("-is_staff", "username")
    return render(request, "devtools/switch_user.html", {"accounts": accounts})


@superuser_required
@require_POST
def login_as(request, username):
    account = get_object_or_404(auth_models.User, username=username, is_active=True)
    login(request, account, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("tickets:my_tickets")

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .forms import PreferencesForm
from .models import Issue


@login_required
def home(request):
    size = request.user.preferences.items_per_page
    issues = Issue.objects.order_by("-id")[:size]
    return render(request, "mailing/home.html", {"issues": issues})


@login_required
def preferences(request):
    form = PreferencesForm(request.POST or None, instance=request.user.preferences)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("home")
    return render(request, "mailing/preferences.html", {"form": form})

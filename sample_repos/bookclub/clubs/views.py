from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.generic import CreateView

from . import services
from .forms import InviteForm, ReaderAccountForm, ReaderProfileForm
from .models import Club, Member, Membership, User


class SignupView(CreateView):
    form_class = UserCreationForm
    template_name = "registration/signup.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Welcome aboard! You can log in now.")
        return response


def home(request):
    clubs = Club.objects.select_related("owner")
    return render(request, "clubs/home.html", {"clubs": clubs})


@login_required
def club_detail(request, slug):
    club = get_object_or_404(Club, slug=slug)
    context = {
        "club": club,
        "memberships": club.memberships.select_related("user"),
        "is_host": club.is_host(request.user),
        "can_manage_readers": request.user.has_perm("auth.change_user"),
    }
    return render(request, "clubs/club_detail.html", context)


@login_required
@permission_required("auth.view_user", raise_exception=True)
def reader_directory(request):
    readers = Member.objects.filter(is_active=True).select_related("reader_profile")
    return render(request, "clubs/reader_directory.html", {"readers": readers})


@login_required
def edit_reader_in_admin(request, username):
    if not request.user.is_staff:
        raise PermissionDenied
    reader = get_object_or_404(User, username=username)
    return redirect(reverse("admin:auth_user_change", args=[reader.pk]))


@login_required
def account_settings(request):
    profile = request.user.reader_profile
    account_form = ReaderAccountForm(request.POST or None, instance=request.user)
    profile_form = ReaderProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and account_form.is_valid() and profile_form.is_valid():
        account_form.save()
        profile_form.save()
        messages.success(request, "Settings saved.")
        return redirect("account_settings")
    return render(
        request,
        "clubs/account_settings.html",
        {"account_form": account_form, "profile_form": profile_form},
    )


@login_required
def invite_reader(request, slug):
    club = get_object_or_404(Club, slug=slug)
    if not club.is_host(request.user):
        raise PermissionDenied
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reader = form.save()
        services.join(club, reader, Membership.Role.READER)
        messages.success(request, f"{reader.username} has joined {club.name}.")
        return redirect(club)
    return render(request, "clubs/invite.html", {"club": club, "form": form})

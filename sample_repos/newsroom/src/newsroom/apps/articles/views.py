from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView, UpdateView

from newsroom.apps.profiles.forms import ContributorChangeForm
from newsroom.apps.profiles.models import Profile, User

from . import permissions, selectors
from .models import Article, Section


def home(request):
    context = {"articles": selectors.published()[:20], "authors": selectors.active_authors()[:5]}
    return render(request, "articles/home.html", context)


def section(request, slug):
    section = get_object_or_404(Section, slug=slug)
    articles = selectors.published().filter(section=section)
    return render(request, "articles/section.html", {"section": section, "articles": articles})


def detail(request, slug):
    article = get_object_or_404(Article.objects.select_related("author", "section"), slug=slug)
    if article.status != Article.Status.PUBLISHED and not (
        request.user.is_authenticated and permissions.can_edit(request.user, article)
    ):
        raise Http404
    context = {
        "article": article,
        "can_publish": request.user.is_authenticated
        and permissions.can_publish(request.user, article),
    }
    return render(request, "articles/detail.html", context)


@login_required
@require_POST
def publish(request, slug):
    article = get_object_or_404(Article, slug=slug)
    if not permissions.can_publish(request.user, article):
        raise PermissionDenied
    article.publish(editor=request.user)
    messages.success(request, "Published.")
    return redirect(article)


class EditorDeskView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = ("auth.view_user", "auth.change_user")
    template_name = "articles/desk.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contributors"] = selectors.desk_contributors()
        context["in_review"] = Article.objects.filter(status=Article.Status.REVIEW)
        context["staff_count"] = User.objects.filter(is_staff=True).count()
        return context


class ContributorUpdateView(LoginRequiredMixin, PermissionRequiredMixin, UpdateView):
    model = User
    form_class = ContributorChangeForm
    permission_required = "auth.change_user"
    slug_field = "username"
    slug_url_kwarg = "username"
    template_name = "articles/contributor_form.html"
    success_url = reverse_lazy("articles:desk")

    def get_queryset(self):
        roles = [Profile.Role.CONTRIBUTOR, Profile.Role.REPORTER]
        return super().get_queryset().filter(profile__role__in=roles)

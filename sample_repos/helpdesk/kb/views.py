from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from .forms import ArticleForm
from .models import Article

EDITORS_GROUP = "KB editors"


def is_kb_editor(user):
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists()
    )


def article_list(request):
    articles = Article.objects.select_related("category", "author")
    if not is_kb_editor(request.user):
        articles = articles.filter(is_published=True)
    return render(request, "kb/article_list.html", {"articles": articles})


def article_detail(request, slug):
    article = get_object_or_404(Article, slug=slug)
    if not article.is_published and not is_kb_editor(request.user):
        raise PermissionDenied
    return render(request, "kb/article_detail.html", {"article": article})


@login_required
def edit_article(request, slug):
    if not is_kb_editor(request.user):
        raise PermissionDenied
    article = get_object_or_404(Article, slug=slug)
    form = ArticleForm(request.POST or None, instance=article)
    if request.method == "POST" and form.is_valid():
        article = form.save(commit=False)
        article.last_editor = request.user
        article.save()
        return redirect(article)
    return render(request, "kb/article_form.html", {"form": form, "article": article})

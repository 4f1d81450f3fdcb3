"""Who may do what with an article."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Article

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def can_edit(user: User, article: Article) -> bool:
    if user.has_perm("articles.change_article"):
        return True
    return article.author_id == user.pk and article.status != Article.Status.PUBLISHED


def can_publish(user: User, article: Article) -> bool:
    if not user.is_active:
        return False
    if user.has_perm("articles.publish_article"):
        return True
    return article.section.editors.filter(pk=user.pk).exists()


def can_manage_contributors(user: User) -> bool:
    return user.has_perm("auth.change_user")

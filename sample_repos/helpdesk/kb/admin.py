from django.contrib import admin

from .models import Article, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "category", "author", "last_editor", "is_published", "updated_at")
    list_filter = ("is_published", "category")
    prepopulated_fields = {"slug": ("title",)}
    raw_id_fields = ("author", "last_editor")

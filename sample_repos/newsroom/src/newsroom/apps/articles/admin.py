from django.contrib import admin

from .models import Article, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("editors",)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("headline", "section", "author", "status", "published_at")
    list_filter = ("status", "section")
    prepopulated_fields = {"slug": ("headline",)}
    raw_id_fields = ("author", "editor")
    search_fields = ("headline", "byline")

from django.contrib import admin

from .models import Book, Flag, ReadingStats, Review


@admin.register(Book)
class BookAdmin(admin.ModelAdmin):
    list_display = ("title", "author_name", "isbn", "added_by")
    search_fields = ("title", "author_name", "isbn")


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("book", "author", "rating", "created_at")
    list_filter = ("rating",)


admin.site.register(ReadingStats)
admin.site.register(Flag)

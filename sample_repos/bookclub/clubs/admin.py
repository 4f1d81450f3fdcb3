from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from .models import Club, Membership, ReaderProfile


class ReaderProfileInline(admin.StackedInline):
    model = ReaderProfile
    can_delete = False
    verbose_name_plural = "reader profile"


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user",)


admin.site.unregister(User)


@admin.register(User)
class CustomUserAdmin(UserAdmin):
    inlines = [ReaderProfileInline]
    list_display = ("username", "email", "first_name", "last_name", "is_staff", "date_joined")
    list_filter = UserAdmin.list_filter + ("reader_profile__favourite_genre",)

    def get_inlines(self, request, obj):
        # The profile is created by a post_save receiver: no inline on the add page.
        if obj is None:
            return []
        return super().get_inlines(request, obj)


@admin.register(Club)
class ClubAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "created_at")
    prepopulated_fields = {"slug": ("name",)}
    raw_id_fields = ("owner",)
    inlines = [MembershipInline]

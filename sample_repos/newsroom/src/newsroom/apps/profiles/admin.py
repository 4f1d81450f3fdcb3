from django.contrib import admin

from .models import Follow, NotificationSettings, Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "display_name", "login_count")
    list_filter = ("role",)
    search_fields = ("user__username", "display_name")


admin.site.register(NotificationSettings)
admin.site.register(Follow)

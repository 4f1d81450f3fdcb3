from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from .forms import AgentChangeForm
from .models import AgentSettings, AuditEntry, Comment, Queue, Staff, Ticket


class StaffUserAdmin(UserAdmin):
    """The user admin as the support team wants it: agents first."""

    form = AgentChangeForm
    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "is_staff",
        "is_active",
        "last_login",
    )
    list_filter = ("is_staff", "is_active", "groups")
    ordering = ("-is_staff", "username")


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)


@admin.register(Staff)
class StaffRecordAdmin(admin.ModelAdmin):
    list_display = ("username", "team", "extension", "hired_on")
    list_filter = ("team",)
    fields = ("username", "first_name", "last_name", "email", "team", "extension", "hired_on")


class CommentInline(admin.TabularInline):
    model = Comment
    extra = 0
    raw_id_fields = ("author",)


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ("pk", "subject", "queue", "status", "priority", "requester", "assignee")
    list_filter = ("status", "priority", "queue")
    raw_id_fields = ("requester", "assignee")
    filter_horizontal = ("watchers",)
    inlines = [CommentInline]


@admin.register(Queue)
class QueueAdmin(admin.ModelAdmin):
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("agents",)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor", "action", "content_type", "object_id")
    readonly_fields = ("actor", "action", "content_type", "object_id", "created_at")


admin.site.register(AgentSettings)

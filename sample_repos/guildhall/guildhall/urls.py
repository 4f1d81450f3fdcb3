from django.contrib import admin
from django.urls import path

from guilds import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("me/", views.me, name="me"),
    path("guilds/<int:pk>/", views.guild, name="guild"),
]

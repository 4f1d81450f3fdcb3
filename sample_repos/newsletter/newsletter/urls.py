from django.contrib import admin
from django.urls import path

from mailing import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", views.home, name="home"),
    path("preferences/", views.preferences, name="preferences"),
]

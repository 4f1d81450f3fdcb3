from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("settings/", views.account_settings, name="account_settings"),
    path("readers/", views.reader_directory, name="reader_directory"),
    path("readers/<str:username>/admin/", views.edit_reader_in_admin, name="edit_reader_in_admin"),
    path("clubs/<slug:slug>/", views.club_detail, name="club_detail"),
    path("clubs/<slug:slug>/invite/", views.invite_reader, name="invite_reader"),
]

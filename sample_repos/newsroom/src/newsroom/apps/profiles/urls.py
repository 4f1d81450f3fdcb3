from django.urls import path

from . import views

app_name = "profiles"
urlpatterns = [
    path("me/", views.account, name="account"),
    path("<str:username>/", views.author, name="author"),
    path("<str:username>/follow/", views.toggle_follow, name="toggle_follow"),
]

from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("", views.book_list, name="book_list"),
    path("books/<int:pk>/", views.book_detail, name="book_detail"),
    path("me/", views.my_stats, name="my_stats"),
]

from django.urls import path

from . import views

app_name = "kb"
urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("<slug:slug>/", views.article_detail, name="article_detail"),
    path("<slug:slug>/edit/", views.edit_article, name="edit_article"),
]

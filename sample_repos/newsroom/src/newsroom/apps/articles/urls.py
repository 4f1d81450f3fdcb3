from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("", views.home, name="home"),
    path("desk/", views.EditorDeskView.as_view(), name="desk"),
    path(
        "desk/contributors/<str:username>/",
        views.ContributorUpdateView.as_view(),
        name="contributor_edit",
    ),
    path("sections/<slug:slug>/", views.section, name="section"),
    path("stories/<slug:slug>/", views.detail, name="detail"),
    path("stories/<slug:slug>/publish/", views.publish, name="publish"),
]

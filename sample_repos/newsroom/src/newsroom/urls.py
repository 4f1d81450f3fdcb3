from django.contrib import admin
from django.urls import include, path

from newsroom.apps.profiles.views import SignupView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/signup/", SignupView.as_view(), name="signup"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("people/", include("newsroom.apps.profiles.urls")),
    path("", include("newsroom.apps.articles.urls")),
]

from django.apps import apps
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from tickets.views import PortalSignupView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="tickets:my_tickets"), name="home"),
    path("admin/", admin.site.urls),
    path("accounts/signup/", PortalSignupView.as_view(), name="signup"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("tickets/", include("tickets.urls")),
    path("kb/", include("kb.urls")),
]

if apps.is_installed("devtools"):
    urlpatterns += [path("__dev__/", include("devtools.urls"))]

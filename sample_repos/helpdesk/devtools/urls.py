from django.urls import path

from . import views

app_name = "devtools"
urlpatterns = [
    path("switch-user/", views.switch_user, name="switch_user"),
    path("switch-user/<str:username>/", views.login_as, name="login_as"),
]

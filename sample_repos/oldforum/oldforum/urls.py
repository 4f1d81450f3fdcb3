from django.contrib import admin
from django.urls import path

from forum import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("topics/<int:pk>/", views.topic, name="topic"),
    path("topics/<int:pk>/reply/", views.reply, name="reply"),
]

from django.contrib.auth.models import User
from django.db import models


class Topic(models.Model):
    title = models.CharField(max_length=200)

    def __str__(self):
        return self.title


class Post(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="forum_posts")
    body = models.TextField()
    created = models.DateTimeField(auto_now_add=True)


class ForumProfileQuerySet(models.QuerySet):
    def posters(self):
        return self.filter(posts_count__gt=0)


class ForumProfileManager(models.Manager.from_queryset(ForumProfileQuerySet)):
    use_in_migrations = True


class ForumProfile(models.Model):
    """Made the first time a member posts: most old accounts never had one."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, primary_key=True, related_name="forum_profile")
    signature = models.TextField(blank=True)
    title = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    show_signature = models.BooleanField(default=True)
    posts_count = models.PositiveIntegerField(default=0)

    objects = ForumProfileManager()

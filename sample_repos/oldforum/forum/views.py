from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from .models import ForumProfile, Post, Topic


def topic(request, pk):
    topic = get_object_or_404(Topic, pk=pk)
    posts = topic.posts.select_related("author").order_by("created", "pk")
    return render(request, "forum/topic.html", {"topic": topic, "posts": posts})


@login_required
def reply(request, pk):
    topic = get_object_or_404(Topic, pk=pk)
    Post.objects.create(topic=topic, author=request.user, body=request.POST["body"])
    profile, _ = ForumProfile.objects.get_or_create(user=request.user)
    profile.posts_count += 1
    profile.save()
    return redirect("topic", pk=topic.pk)

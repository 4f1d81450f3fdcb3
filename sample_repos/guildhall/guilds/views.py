from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from .models import Guild, Profile


@login_required
def me(request):
    skills = Profile.objects.get(user=request.user).skills.order_by("name")
    mentor = request.user.profile.mentor
    return render(request, "guilds/me.html", {"skills": skills, "mentor": mentor})


def guild(request, pk):
    guild = get_object_or_404(Guild, pk=pk)
    veterans = Profile.objects.filter(guild=guild, level__gte=5).count()
    return render(request, "guilds/guild.html", {"guild": guild, "veterans": veterans,
                                                 "size": guild.members.count()})

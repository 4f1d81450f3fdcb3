from django.contrib import admin

from .models import Guild, Skill

admin.site.register(Guild)
admin.site.register(Skill)

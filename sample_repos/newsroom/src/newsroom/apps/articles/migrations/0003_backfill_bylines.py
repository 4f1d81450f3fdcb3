"""Freeze today's author names into the new byline column."""

from django.db import migrations


def fill_bylines(apps, schema_editor):
    User = apps.get_model("auth.User")
    Article = apps.get_model("articles", "Article")
    db = schema_editor.connection.alias
    authors = User.objects.using(db).filter(articles__isnull=False).distinct()
    for author in authors:
        name = f"{author.first_name} {author.last_name}".strip() or author.username
        Article.objects.using(db).filter(author=author, byline="").update(byline=name)


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0002_article_byline"),
    ]

    operations = [
        migrations.RunPython(fill_bylines, migrations.RunPython.noop),
    ]

"""Stories filed by the news agency's wire feed."""

from dataclasses import dataclass

from django.contrib.auth.models import User as AuthUser
from django.utils.text import slugify

from .models import Article, Section

WIRE_DESK_USERNAME = "wire-desk"


@dataclass(frozen=True)
class User:
    """An agency journalist as named in the feed. Not an account on this site."""

    handle: str
    agency: str

    def credit(self) -> str:
        return f"{self.handle} / {self.agency}"


@dataclass(frozen=True)
class WireStory:
    headline: str
    body: str
    filed_by: User


def parse(item: dict) -> WireStory:
    return WireStory(
        headline=item["headline"].strip(),
        body=item.get("body", ""),
        filed_by=User(handle=item["byline"]["handle"], agency=item["byline"].get("agency", "AP")),
    )


def wire_desk() -> AuthUser:
    desk, created = AuthUser.objects.get_or_create(
        username=WIRE_DESK_USERNAME, defaults={"first_name": "Wire", "last_name": "Desk"}
    )
    if created:
        desk.set_unusable_password()
        desk.save(update_fields=["password"])
    return desk


def import_story(story: WireStory, section: Section) -> Article:
    article, _ = Article.objects.get_or_create(
        slug=slugify(story.headline)[:200],
        defaults={
            "section": section,
            "headline": story.headline,
            "body": story.body,
            "author": wire_desk(),
            "byline": story.filed_by.credit(),
        },
    )
    return article

"""Club bookkeeping used by the views and the seed_demo command."""

from django.db import transaction

from clubs.models import Club, Membership, User


def join(club: Club, user: User, role: str = Membership.Role.READER) -> Membership:
    membership, created = Membership.objects.get_or_create(
        club=club, user=user, defaults={"role": role}
    )
    if not created and membership.role != role and role == Membership.Role.HOST:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def start_club(owner: User, name: str, slug: str, description: str = "") -> Club:
    club = Club.objects.create(owner=owner, name=name, slug=slug, description=description)
    join(club, owner, Membership.Role.HOST)
    return club


def readers_without_club():
    return User.objects.filter(is_active=True, memberships__isnull=True).order_by("username")


def club_summary(user: User) -> dict:
    return {
        "owned": user.owned_clubs.count(),
        "hosting": user.memberships.filter(role=Membership.Role.HOST).count(),
        "member_of": user.memberships.count(),
    }

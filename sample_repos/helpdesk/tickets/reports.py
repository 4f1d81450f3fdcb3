"""Numbers for the supervisors' report."""

from datetime import timedelta

from django.contrib.auth import models as auth_models
from django.db.models import Count, Q
from django.utils import timezone

from .models import Ticket

OPEN_STATES = [Ticket.Status.OPEN, Ticket.Status.PENDING]


def agent_workload():
    return (
        auth_models.User.objects.filter(is_staff=True, is_active=True)
        .annotate(
            open_tickets=Count(
                "assigned_tickets", filter=Q(assigned_tickets__status__in=OPEN_STATES)
            )
        )
        .order_by("-open_tickets", "username")
    )


def requesters_without_tickets():
    return auth_models.User.objects.filter(is_staff=False, requested_tickets__isnull=True)


def purge_idle_requesters(days: int = 730) -> int:
    """Delete customer accounts that never opened a ticket and went quiet; return how many."""
    cutoff = timezone.now() - timedelta(days=days)
    idle = (
        requesters_without_tickets()
        .filter(is_superuser=False, date_joined__lt=cutoff)
        .exclude(last_login__gte=cutoff)
    )
    _, per_model = idle.delete()
    return per_model.get("auth.User", 0)

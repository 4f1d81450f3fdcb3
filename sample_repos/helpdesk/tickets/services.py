"""Ticket workflow: opening, assigning, commenting, closing."""

from typing import TYPE_CHECKING, Optional

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import AuditEntry, Comment, Queue, Ticket

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def audit(actor: "Optional[User]", action: str, target) -> AuditEntry:
    return AuditEntry.objects.create(actor=actor, action=action, target=target)


@transaction.atomic
def open_ticket(
    requester: "User",
    queue: Queue,
    subject: str,
    description: str = "",
    priority: int = Ticket.Priority.NORMAL,
) -> Ticket:
    ticket = Ticket.objects.create(
        requester=requester,
        queue=queue,
        subject=subject,
        description=description,
        priority=priority,
    )
    ticket.watchers.add(requester)
    audit(requester, "opened", ticket)
    return ticket


@transaction.atomic
def assign(ticket: Ticket, agent: "User", actor: "Optional[User]" = None) -> Ticket:
    if not agent.is_staff:
        raise ValueError(f"{agent.username} is not an agent")
    ticket.assignee = agent
    ticket.save(update_fields=["assignee", "updated_at"])
    ticket.watchers.add(agent)
    ticket.queue.agents.add(agent)
    audit(actor, "assigned", ticket)
    return ticket


def add_comment(ticket: Ticket, author: "User", body: str, internal: bool = False) -> Comment:
    comment = Comment.objects.create(ticket=ticket, author=author, body=body, is_internal=internal)
    if author.pk != ticket.requester_id and ticket.status == Ticket.Status.OPEN:
        ticket.status = Ticket.Status.PENDING
        ticket.save(update_fields=["status", "updated_at"])
    return comment


def close(ticket: Ticket, actor: "User") -> Ticket:
    ticket.status = Ticket.Status.CLOSED
    ticket.save(update_fields=["status", "updated_at"])
    audit(actor, "closed", ticket)
    return ticket


def available_agents(queue: Optional[Queue] = None):
    agents = get_user_model().objects.filter(is_staff=True, is_active=True)
    if queue is not None:
        agents = agents.filter(queues=queue)
    return agents.order_by("username")


@transaction.atomic
def deactivate_account(account: "User", actor: "User") -> int:
    """Lock an account out and hand its open tickets back to the queue."""
    account.is_active = False
    account.save(update_fields=["is_active"])
    released = Ticket.objects.filter(
        assignee=account, status__in=[Ticket.Status.OPEN, Ticket.Status.PENDING]
    ).update(assignee=None)
    audit(actor, "deactivated", account)
    return released

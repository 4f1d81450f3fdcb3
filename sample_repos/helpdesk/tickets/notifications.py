"""Tell agents about their tickets where they actually look: Slack."""

from integrations.slack import User as SlackUser
from integrations.slack import assignment_message


def notify_assignment(ticket, directory: dict[str, SlackUser]) -> dict | None:
    """Build the Slack message for an assignment, if the agent is on Slack."""
    if ticket.assignee is None or not ticket.assignee.agent_settings.notify_on_assign:
        return None
    slack_user = directory.get(ticket.assignee.email.lower())
    if slack_user is None or slack_user.is_bot:
        return None
    return assignment_message(slack_user, ticket.pk, ticket.subject)

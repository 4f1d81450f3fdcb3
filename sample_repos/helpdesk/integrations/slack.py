"""A tiny Slack client: just what the helpdesk needs to ping agents."""

from dataclasses import dataclass


@dataclass(frozen=True)
class User:
    """A Slack workspace member as returned by ``users.info`` (not a helpdesk account)."""

    id: str
    name: str
    email: str = ""
    is_bot: bool = False

    @classmethod
    def from_api(cls, payload: dict) -> "User":
        profile = payload.get("profile", {})
        return cls(
            id=payload["id"],
            name=payload.get("name", ""),
            email=profile.get("email", "").lower(),
            is_bot=payload.get("is_bot", False),
        )

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


def directory_by_email(members: list[User]) -> dict[str, User]:
    return {member.email: member for member in members if member.email}


def assignment_message(user: User, ticket_id: int, subject: str) -> dict:
    return {
        "channel": user.id,
        "text": f"{user.mention} you now own ticket #{ticket_id}: {subject}",
    }

"""Pydantic models of the Slack payloads the bot reads (Events API envelope, message events, slash commands)."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

#: Slack user ids (U…, or W… on Enterprise Grid); only ids of this shape are ever written into a mention.
USER_ID = re.compile(r"[UW][A-Z0-9]{2,30}")
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


class _Payload(BaseModel):
    # Slack adds fields over time: keep what we read, ignore the rest.
    model_config = ConfigDict(extra="ignore", frozen=True)


class MessageEvent(_Payload):
    """An `app_mention` or `message` event (message.im, message.channels; `thread_ts` set in a thread)."""

    type: str
    user: str | None = None
    text: str = ""
    ts: str
    thread_ts: str | None = None
    channel: str
    channel_type: str | None = None
    """`im` for a direct message; `channel`, `group`, `mpim` otherwise; absent on app_mention."""
    subtype: str | None = None
    bot_id: str | None = None
    team: str | None = None

    @property
    def from_person(self) -> bool:
        """A plain message typed by a person (not a bot, an edit, a join, a deletion)."""
        return (
            self.user is not None and self.bot_id is None and self.subtype in (None, "file_share", "thread_broadcast")
        )

    @property
    def is_dm(self) -> bool:
        return self.channel_type == "im"

    def mentions(self, user_id: str | None) -> bool:
        return user_id is not None and any(m == user_id for m in _MENTION.findall(self.text))

    def text_without(self, user_id: str | None) -> str:
        """The text with mentions of the bot removed (`<@UBOT> hello` is `hello`)."""
        if user_id is None:
            return _MENTION.sub("", self.text, count=1).strip() if self.text.startswith("<@") else self.text.strip()
        return re.sub(rf"<@{re.escape(user_id)}(?:\|[^>]*)?>", "", self.text).strip()


class EventEnvelope(_Payload):
    """The `event_callback` wrapper: who it is for and the id Slack repeats on a retry."""

    type: str
    team_id: str | None = None
    event_id: str | None = None
    event_time: int | None = None
    event: MessageEvent


class SlashCommand(_Payload):
    """The form Slack posts for `/theme …` (application/x-www-form-urlencoded)."""

    command: str
    text: str = ""
    team_id: str
    channel_id: str
    user_id: str
    trigger_id: str | None = None
    response_url: str | None = None

    @property
    def verb_and_args(self) -> tuple[str, list[str]]:
        words = self.text.split()
        return (words[0].lower(), words[1:]) if words else ("help", [])

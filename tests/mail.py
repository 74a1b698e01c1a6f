"""A real SMTP server for the suite: email leaves through Django's SMTP backend and lands here.

The server runs once per test session on a free loopback port. The Celery worker started by
the suite sends to it too (see `worker_environment`), so tests can read what a background task
mailed. Use the `smtp_server` fixture: it switches this process to the SMTP backend and gives
an inbox emptied for the test.
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller


@dataclass
class Inbox:
    """Every message the server accepted, parsed, in arrival order.

    Addresses added to `refused` are turned away at RCPT TO with a permanent error (550), as a
    real server does for an unknown mailbox; `clear()` accepts everyone again.
    """

    messages: list[EmailMessage] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()
            self.refused.clear()

    def to(self, address: str) -> list[EmailMessage]:
        """The messages delivered to one address (envelope recipients)."""
        with self.lock:
            return [m for m in self.messages if address in m["X-Envelope-To"].split(", ")]

    @staticmethod
    def body(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain", "html"))
        return part.get_content() if part else ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SMTPServer:
    """aiosmtpd on loopback, started lazily and stopped at the end of the session."""

    def __init__(self) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


SERVER = SMTPServer()

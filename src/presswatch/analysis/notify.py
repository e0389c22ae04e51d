"""Notifications: a webhook (HTTP POST of JSON) and e-mail (SMTP), each retried a bounded number of times.

A notification never blocks or fails an ingest: every attempt has a timeout, the attempts are bounded, the whole
delivery has a deadline, and the outcome (delivered, or failed with the reason) is returned for the caller to report.
"""

from __future__ import annotations

import json
import os
import smtplib
import time
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import httpx


@dataclass(slots=True, frozen=True)
class NotifyOptions:
    """How notifications are sent. ``from_env`` reads ``PRESSWATCH_SMTP`` ("host:port"), ``PRESSWATCH_SMTP_FROM``,
    ``PRESSWATCH_SMTP_USER`` / ``PRESSWATCH_SMTP_PASSWORD`` (optional, with STARTTLS when ``PRESSWATCH_SMTP_TLS=1``)."""

    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_from: str = "presswatch@localhost"
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    timeout: float = 5.0  # seconds per attempt (connect + send)
    attempts: int = 3
    backoff: float = 0.5  # seconds before the 2nd attempt, doubled each time
    deadline: float = 15.0  # no new attempt starts after this many seconds

    @classmethod
    def from_env(cls, **overrides: Any) -> NotifyOptions:
        host, _, port = os.environ.get("PRESSWATCH_SMTP", "localhost:25").partition(":")
        values: dict[str, Any] = {
            "smtp_host": host or "localhost",
            "smtp_port": int(port or 25),
            "smtp_from": os.environ.get("PRESSWATCH_SMTP_FROM", "presswatch@localhost"),
            "smtp_user": os.environ.get("PRESSWATCH_SMTP_USER") or None,
            "smtp_password": os.environ.get("PRESSWATCH_SMTP_PASSWORD") or None,
            "smtp_starttls": os.environ.get("PRESSWATCH_SMTP_TLS") == "1",
        }
        values.update(overrides)
        return cls(**values)


@dataclass(slots=True)
class Delivery:
    channel: str  # webhook | email
    target: str
    ok: bool
    attempts: int
    error: str = ""

    def line(self) -> str:
        if self.ok:
            return f"{self.channel} {self.target}: delivered" + (
                f" after {self.attempts} attempts" if self.attempts > 1 else ""
            )
        return f"{self.channel} {self.target}: FAILED after {self.attempts} attempt(s): {self.error}"


def _retry(channel: str, target: str, send: Any, options: NotifyOptions) -> Delivery:
    start = time.monotonic()
    error = ""
    attempt = 0
    for attempt in range(1, max(1, options.attempts) + 1):
        try:
            send()
            return Delivery(channel, target, True, attempt)
        except Exception as exc:  # any failure of the endpoint is reported, never raised into the ingest
            error = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        wait = options.backoff * (2 ** (attempt - 1))
        if attempt == options.attempts or time.monotonic() - start + wait > options.deadline:
            break
        time.sleep(wait)
    return Delivery(channel, target, False, attempt, error)


def send_webhook(url: str, payload: dict[str, Any], options: NotifyOptions = NotifyOptions()) -> Delivery:
    """POST ``payload`` as JSON to ``url``; a non-2xx answer counts as a failure and is retried."""

    def send() -> None:
        body = json.dumps(payload, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "presswatch"}
        r = httpx.post(url, content=body, headers=headers, timeout=options.timeout)
        if r.status_code >= 300:
            raise RuntimeError(f"HTTP {r.status_code}")

    return _retry("webhook", url, send, options)


def send_email(
    to: str, subject: str, text: str, html: str | None = None, options: NotifyOptions = NotifyOptions()
) -> Delivery:
    """Send a plain-text (and HTML, when given) message to ``to`` through the configured SMTP server."""
    msg = EmailMessage()
    msg["From"] = options.smtp_from
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(text)
    if html is not None:
        msg.add_alternative(html, subtype="html")

    def send() -> None:
        with smtplib.SMTP(options.smtp_host, options.smtp_port, timeout=options.timeout) as smtp:
            if options.smtp_starttls:
                smtp.starttls()
            if options.smtp_user:
                smtp.login(options.smtp_user, options.smtp_password or "")
            smtp.send_message(msg)

    return _retry("email", to, send, options)

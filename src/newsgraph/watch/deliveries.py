"""Delivering alert matches: a webhook POST (JSON, signed with HMAC-SHA256, retried with back-off),
an email over SMTP, and the Atom feed of a rule (served at /alerts/{rule}.atom).

A match is recorded with a pending delivery per channel before anything is sent (`alerts.evaluate`),
so a delivery interrupted by a kill is sent again after the restart: receivers may see one twice,
and tell by its `id` (rule:event), never miss one.

Signature: ``X-Newsgraph-Signature: sha256=<hex HMAC-SHA256 of the body with the rule's secret>``;
a receiver computes the same over the raw body and compares with ``hmac.compare_digest``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any
from xml.etree import ElementTree as ET

import httpx

from newsgraph.store.watch import Delivery, WatchState

SIGNATURE_HEADER = "X-Newsgraph-Signature"
DELIVERY_HEADER = "X-Newsgraph-Delivery"
# Tries within one delivery round (waiting RETRY_PAUSE, then twice that, between them), then rounds
# later and later (RETRY_AFTER x 2^n seconds) until MAX_ATTEMPTS tries in all.
TRIES_PER_ROUND = 3
RETRY_PAUSE = 0.5
RETRY_AFTER = 60.0
MAX_ATTEMPTS = 12
WEBHOOK_TIMEOUT = 10.0
ATOM = "http://www.w3.org/2005/Atom"


@dataclass
class Mail:
    """Where email goes out: an SMTP server (no authentication, or a relay on the host)."""

    host: str = "localhost"
    port: int = 25
    sender: str = "newsgraph@localhost"


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def deliver_due(state: WatchState, mail: Mail | None = None, now: float | None = None,
                post: Callable[[str, bytes, dict[str, str]], None] | None = None,
                pause: float = RETRY_PAUSE) -> dict[str, int]:
    """Send every delivery that is due; returns how many were delivered, rescheduled and given up."""
    counts = {"delivered": 0, "retry": 0, "failed": 0}
    for delivery in state.due_deliveries(time.time() if now is None else now):
        attempts, error = delivery.attempts, None
        for round_try in range(TRIES_PER_ROUND):
            attempts += 1
            try:
                _send(delivery, mail or Mail(), post or _post)
                error = None
                break
            except Exception as exc:  # any failure of one delivery is recorded, never stops the others
                error = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            if round_try + 1 == TRIES_PER_ROUND or attempts >= MAX_ATTEMPTS:
                break
            time.sleep(pause * 2 ** round_try)
        if error is None:
            state.delivered(delivery.id, attempts)
            counts["delivered"] += 1
            continue
        retry_at = None if attempts >= MAX_ATTEMPTS else time.time() + RETRY_AFTER * 2 ** (attempts // TRIES_PER_ROUND)
        state.delivery_failed(delivery.id, attempts, error, retry_at)
        counts["retry" if retry_at else "failed"] += 1
    return counts


def _send(delivery: Delivery, mail: Mail, post: Callable[[str, bytes, dict[str, str]], None]) -> None:
    if delivery.channel == "webhook":
        body = json.dumps(delivery.payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
        headers = {"Content-Type": "application/json", DELIVERY_HEADER: delivery.payload.get("id", str(delivery.id))}
        if delivery.secret:
            headers[SIGNATURE_HEADER] = sign(delivery.secret, body)
        post(delivery.target, body, headers)
    elif delivery.channel == "email":
        send_mail(mail, delivery.target, delivery.payload)
    else:
        raise ValueError(f"unknown channel {delivery.channel!r}")


def _post(url: str, body: bytes, headers: dict[str, str]) -> None:
    with httpx.Client(timeout=WEBHOOK_TIMEOUT, follow_redirects=False) as client:
        response = client.post(url, content=body, headers=headers)
    if not 200 <= response.status_code < 300:
        raise RuntimeError(f"HTTP {response.status_code} from {url}")


def title(payload: dict[str, Any]) -> str:
    """One line for a match: "[rule] ASSAULT: Islamic State -> Libya in Sirte", or "[rule] the article's title"."""
    event = payload.get("event")
    if not event:
        return " ".join(f"[{payload.get('rule')}] {(payload.get('article') or {}).get('title') or '(untitled)'}".split())
    who = " -> ".join(x for x in (event.get("actor1"), event.get("actor2")) if x)
    where = f" in {event['place']}" if event.get("place") else ""
    return " ".join(f"[{payload.get('rule')}] {event.get('type')}: {who}{where}".split())


def send_mail(mail: Mail, to: str, payload: dict[str, Any]) -> None:
    message = EmailMessage()
    message["Subject"] = title(payload)
    message["From"] = mail.sender
    message["To"] = to
    article = payload.get("article", {})
    message.set_content(f"{payload.get('sentence', '')}\n\n{article.get('title') or ''}\n{article.get('url') or ''}\n\n"
                        f"independent sources: {payload.get('sources')}\n")
    with smtplib.SMTP(mail.host, mail.port, timeout=WEBHOOK_TIMEOUT) as smtp:
        smtp.send_message(message)


def atom(rule: str, matches: list[dict[str, Any]], base_url: str = "") -> bytes:
    """The Atom feed of a rule's matches (newest first); every text escaped by the XML writer."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"urn:newsgraph:alerts:{rule}"
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"newsgraph alerts: {rule}"
    updated = matches[0]["matched_at"] if matches else datetime.now(UTC).isoformat(timespec="seconds")
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base_url}/alerts/{rule}.atom")
    for match in matches:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:newsgraph:alert:{match.get('id')}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = _clean(title(match))
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = match["matched_at"]
        article = match.get("article", {})
        if article.get("url"):
            ET.SubElement(entry, f"{{{ATOM}}}link", href=_clean(article["url"]))
        event = match.get("event")
        if event:
            ET.SubElement(entry, f"{{{ATOM}}}link", rel="related", href=f"{base_url}/events/{event.get('id')}")
        summary = f"{match.get('sentence') or ''} — {article.get('title') or ''} ({match.get('sources')} independent sources)"
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = _clean(summary)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _clean(text: str) -> str:
    """Text without the control characters XML 1.0 cannot carry."""
    return "".join(c for c in str(text) if c in "\t\n\r" or ord(c) >= 0x20 and c not in "\ufffe\uffff")

"""Alert rules: the filters of /events plus how many independent sources within how long, evaluated on
what each stored batch added.

A rule on events (the default) matches an event (one row of `events`, however many articles report it) that an article
stored since the rule was last evaluated reports, that passes the rule's filters — at or above the
confidence threshold (``newsgraph.confidence``, or the rule's ``--min-confidence``), stated as having
happened unless the rule asks another status — and that at least ``min_sources`` independent
sources report within the rule's window (copies of one text, a copy cluster of the reuse stage,
count once).  Each event matches a rule once: more copies arriving later fire nothing.

A rule on articles matches each new article its filters select (a query, an actor or a country
named in it), once, with the words around the query; a copy of an article it matched (the same
copy cluster) fires nothing.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from newsgraph.store.read import Filters, QueryError
from newsgraph.store.watch import Rule, WatchState
from newsgraph.watch.sources import WatchError

# The filters a rule may carry (store.read.Filters fields), besides the actor given by name.
RULE_FILTERS = ("q", "country", "place", "event_type", "event_status", "min_confidence", "site", "language", "theme")
TARGETS = ("events", "articles")


@dataclass
class Match:
    """An event a rule matches, with what made it match (not yet recorded)."""

    event_id: int | None  # None: a rule on articles
    article_id: int
    sources: int
    payload: dict[str, Any]


def add_rule(state: WatchState, name: str, filters: dict[str, Any], actor: str | None = None, min_sources: int = 1,
             window_seconds: float | None = None, webhook: str | None = None, secret: str | None = None,
             email: str | None = None, target: str = "events") -> Rule:
    """Store a new rule (checked first: a bad filter is a WatchError naming it); it matches what is
    stored from now on.  A webhook without a secret gets a random one (shown by `alerts list`)."""
    name = name.strip()
    if not name or not all(c.isalnum() or c in "-_." for c in name):
        raise WatchError(name or "name", "a rule's name is letters, digits, '-', '_' or '.' (it names its feed, /alerts/NAME.atom)")
    if state.rule(name) is not None:
        raise WatchError(name, "there is a rule of that name already (alerts remove it first)")
    given = {k: v for k, v in filters.items() if v is not None}
    unknown = set(given) - set(RULE_FILTERS)
    if unknown:
        raise WatchError(name, f"unknown filter {', '.join(sorted(unknown))}")
    try:
        Filters(**given)
    except QueryError as error:
        raise WatchError(name, str(error)) from None
    if target not in TARGETS:
        raise WatchError(name, f"a rule matches {' or '.join(TARGETS)}, not {target!r}")
    if target == "articles" and (min_sources != 1 or window_seconds or {"event_type", "event_status"} & set(given)):
        raise WatchError(name, "a rule on articles takes no event type, status, min sources or window (those are of events)")
    if min_sources < 1:
        raise WatchError(name, f"min_sources must be at least 1, not {min_sources}")
    if webhook is not None and not webhook.startswith(("http://", "https://")):
        raise WatchError(webhook, "a webhook is an http(s) URL")
    if webhook and not secret:
        secret = secrets.token_urlsafe(24)
    return state.add_rule(name, given, actor, min_sources, window_seconds, webhook, secret, email, target=target)


def rule_filters(state: WatchState, rule: Rule) -> Filters | None:
    """The rule's Filters, its actor looked up by name; None when that actor is not in the database yet."""
    actor = None
    if rule.actor:
        actor = state.actor_id(rule.actor)
        if actor is None:
            return None
    return Filters(**rule.filters, actor=actor)


def find(state: WatchState, rule: Rule, after: int, now: datetime | None = None,
         include_matched: bool = False) -> list[Match]:
    """The events the rule matches among those reported by articles stored after article `after`
    (and not matched before, unless `include_matched`), with their independent sources within the
    rule's window."""
    filters = rule_filters(state, rule)
    if filters is None:
        return []
    if rule.target == "articles":
        return _articles(state, rule, filters, after, include_matched)
    now = now or datetime.now(UTC)
    found = []
    for candidate in state.candidates(rule, filters, after, now, include_matched):
        if candidate["sources"] < rule.min_sources:
            continue
        event, report = candidate["event"], candidate["report"]
        payload = {
            "id": f"{rule.name}:{event['id']}",
            "rule": rule.name,
            "event": event,
            "article": {"id": report["article_id"], "title": report["title"], "url": report["url"],
                        "site": report["site_name"], "published": report["published"]},
            "sentence": report["sentence"],
            "status": report["status"],
            "confidence": report["confidence"],
            "sources": candidate["sources"],
        }
        found.append(Match(event["id"], report["article_id"], candidate["sources"], payload))
    return found


def _articles(state: WatchState, rule: Rule, filters: Filters, after: int, include_matched: bool) -> list[Match]:
    found = []
    for row in state.article_candidates(rule, filters, after, include_matched):
        payload = {
            "id": f"{rule.name}:article:{row['article_id']}",
            "rule": rule.name,
            "event": None,
            "article": {"id": row["article_id"], "title": row["title"], "url": row["url"], "site": row["site_name"],
                        "published": row["published"]},
            "sentence": row["sentence"],
            "sources": 1,
        }
        found.append(Match(None, row["article_id"], 1, payload))
    return found


def evaluate(state: WatchState, now: datetime | None = None) -> list[int]:
    """Evaluate every rule on the articles stored since its watermark; record the new matches with a
    pending delivery for each of the rule's channels and move the watermark, one transaction per rule.
    Returns the ids of the matches recorded."""
    top = state.last_article_id()
    kept: list[int] = []
    for rule in state.rules():
        if rule.last_article_id >= top:
            continue
        matches = find(state, rule, rule.last_article_id, now)
        channels = [("webhook", rule.webhook)] if rule.webhook else []
        if rule.email:
            channels.append(("email", rule.email))
        kept += state.record_matches(rule, [(m.event_id, m.article_id, m.sources, m.payload) for m in matches],
                                     top, channels)
    return kept

"""When two articles' actors are one actor: the same key.

A known actor (in newsgraph's actor knowledge base) is keyed by its knowledge-base id, whatever
the article calls it; any other actor by its type and canonical name. The store keeps one `actors`
row per key (store/facts.py), the Spark job one id per key (scale/tables.py) and one row per key
in its cross-document stage (scale/job.py ``canonical_actors``).
"""

from __future__ import annotations

from newsgraph.record import Entity


def actor_key(entity: Entity) -> str:
    """Known actors by knowledge-base id, others by type and name."""
    return f"kb:{entity.kb_id}" if entity.kb_id else f"{entity.type}:{entity.name}"

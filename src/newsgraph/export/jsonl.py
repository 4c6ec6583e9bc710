"""JSON Lines: one stored Article per line, with its database id and its origin."""

from __future__ import annotations

import json
from collections.abc import Iterable

from newsgraph.record import Article


def write_jsonl(articles: Iterable[tuple[int, str, Article]], out_path: str) -> int:
    n = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for article_id, origin, article in articles:
            out.write(json.dumps({"id": article_id, "origin": origin, **article.to_dict()}, ensure_ascii=False))
            out.write("\n")
            n += 1
    return n

"""The logistic models newsgraph ships as package data (enrich/data/*.json): load and score.

A model is ``{"bias": b, "weights": {feature: w}}`` over sparse named features; the event filter
is one, the confidence component holds one per fact kind. They are fitted by bench/ commands
(``bench.train_events``, ``bench.calibrate``) and only read here.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources


@cache
def load(name: str) -> dict:
    """The JSON model file enrich/data/<name>; empty when it is absent."""
    try:
        text = resources.files("newsgraph.enrich.data").joinpath(name).read_text("utf-8")
    except FileNotFoundError:
        return {}
    return json.loads(text)


def score(model: dict, features: dict[str, float]) -> float:
    """The model's probability for these features."""
    z = model["bias"] + sum(model["weights"].get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

"""The streaming Content-Encoding decoder on its own: any layers, any chunking, any bytes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.ingest.decoding import STEP_BYTES, DecodedTooLarge, DecodingError, StreamDecoder
from tests.hostile_http import encode

LAYERS = st.lists(st.sampled_from(["gzip", "deflate", "raw-deflate", "br"]), min_size=0, max_size=4)
HEADER = {"raw-deflate": "deflate"}  # raw deflate is sent as "deflate" too


def decode_all(body: bytes, layers: list[str], cap: int, cuts: list[int]) -> bytes:
    """`body` fed to a decoder in pieces cut at `cuts`."""
    decoder = StreamDecoder([HEADER.get(name, name) for name in layers], cap)
    edges = [0, *sorted({c % (len(body) + 1) for c in cuts}), len(body)]
    out = [piece for start, end in zip(edges, edges[1:]) for piece in decoder.decode(body[start:end])]
    return b"".join(out + list(decoder.finish()))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=st.binary(max_size=3000) | st.text(max_size=2000).map(str.encode), layers=LAYERS,
       cuts=st.lists(st.integers(min_value=0, max_value=10_000), max_size=6))
def test_any_layers_in_any_pieces_decode_to_the_page(page, layers, cuts):
    assert decode_all(encode([page], layers), layers, cap=len(page) + 1, cuts=cuts) == page


@settings(max_examples=40, deadline=None)
@given(layers=LAYERS.filter(bool), size=st.integers(min_value=1, max_value=200_000),
       cuts=st.lists(st.integers(min_value=0, max_value=10_000), max_size=4))
def test_a_page_one_byte_over_the_cap_is_refused(layers, size, cuts):
    body = encode([bytes(size)], layers)
    with pytest.raises(DecodedTooLarge, match=f"more than {size - 1} bytes once decoded"):
        decode_all(body, layers, cap=size - 1, cuts=cuts)


@settings(max_examples=150, deadline=None)
@given(body=st.binary(max_size=2000), layers=LAYERS.filter(bool))
def test_any_bytes_either_decode_within_the_cap_or_fail_cleanly(body, layers):
    try:
        assert len(decode_all(body, layers, cap=10_000, cuts=[7, 100])) <= 10_000
    except DecodingError as error:
        assert "\n" not in error.reason


def test_each_piece_is_a_step_at_most_and_a_bomb_stops_at_the_cap():
    body = encode([bytes(1 << 20)] * 64, ["gzip", "br"])  # 64 MiB in a few hundred bytes
    decoder = StreamDecoder(["gzip", "br"], cap=3 << 20)
    pieces = []
    with pytest.raises(DecodedTooLarge):
        for piece in decoder.decode(body):
            pieces.append(len(piece))
    assert max(pieces) <= 2 * STEP_BYTES and sum(pieces) <= 3 << 20

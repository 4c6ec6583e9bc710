"""Text reuse: which articles copy which, which passages, and who had the text first.

Pure functions on texts, no database: `minhash` (passage signatures and LSH band
keys), `align` (copied passages as character offsets in both texts), `clusters`
(source order, earliest source, classes).  The store keeps band keys, pairs and
clusters and calls these for each new article (newsgraph.store.reuse).
"""

from newsgraph.reuse.align import Alignment, align
from newsgraph.reuse.clusters import CLASSES, Dated, classify, earliest_two, evidence, source_and_copy
from newsgraph.reuse.minhash import band_keys

__all__ = [
    "Alignment", "align", "CLASSES", "Dated", "classify", "earliest_two", "evidence", "source_and_copy", "band_keys",
]

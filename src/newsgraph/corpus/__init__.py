"""The cross-document layer: what is decided across articles, as pure functions with one set of
parameters, run by the store one article at a time (store/reuse.py, store/events.py, store/facts.py)
and by the Spark job over a whole corpus (scale/reuse.py, scale/events.py, scale/job.py).

- ``reuse``: text reuse — candidate pairs from shared band keys, copied passages, who copied whom,
  each article's class, clusters;
- ``events``: when two reports are one event;
- ``actors``: when two articles' actors are one actor.

No I/O here: the two runners read and write, these decide.
"""

"""Live monitoring: `newsgraph watch` keeps a database current from feeds, sitemaps, URL lists and
folders, and alert rules say when something happens.

- ``sources``: durations, the kind of a source and the items it lists (feed, news sitemap or index,
  URL list), the schedule with back-off and jitter;
- ``poll``: ``Watcher`` polls the due sources (conditional GETs), stores their new pages through the
  ingest service, evaluates the rules after each batch, writes the cycle's export file, and stops
  cleanly on SIGTERM or SIGINT;
- ``alerts``: alert rules, checked and stored, evaluated on what each batch added, each event matched once;
- ``deliveries``: webhook POSTs signed with HMAC-SHA256 and retried with back-off, email over SMTP,
  a rule's Atom feed;
- ``cli``: the ``watch``, ``sources`` and ``alerts`` commands.

Its state (sources, what each gave, rules, matches, deliveries) is in the database; the SQL is in
``newsgraph.store.watch``.
"""

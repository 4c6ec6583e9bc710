"""Enrichment rules for a language described only by its profile (enrich/languages.py).

English has the components' own hand-tuned rules; any other language with a profile runs these,
which read the language's words and the model's labels from the profile and nothing else, so adding
a language is a data change (docs/languages.md). They are simpler than the English rules and lean to
precision: a fact they are unsure of is left out or gets a confidence below the shown threshold.

- ``actors``: the model's person and organisation entities (names only: a role word such as
  "ministre" is not an organisation), short forms linked to the full name, an acronym in
  parentheses to the name before it, a country or capital that is the subject of a verb;
- ``quotes``: text between the profile's quote marks with a speech verb outside the marks in the
  same sentence and a named speaker (its subject, or a pronoun whose antecedent is the subject named
  just before); indirect speech: a speech verb with a named subject and a "que" clause;
- ``citations``: "selon X", "d'après X" (the profile's cues) and a named source stating a clause;
- ``events``: a trigger lexicon (lemma -> PLOVER type) with the parse's subject and object.

Each fact gets the confidence of the rule that found it, measured on the tuning half of the
language's gold set and kept in the profile (``[confidence]``).
"""

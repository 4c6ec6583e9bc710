"""Scale-out: the ingest pipeline on Apache Spark over WARC archives, and the loader of its output.

`job` (the Spark job and the cross-document stages), `tables` (Parquet tables and stable ids),
`inputs` (local and s3a:// WARC files), `load` (Parquet into a database), `cli` (the commands).
Only `job` imports pyspark, an optional extra; see docs/scale.md.
"""

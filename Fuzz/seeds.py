"""Writes the seed corpus of one fuzz target into a folder, from the test inputs of the repository.

usage: python3 Fuzz/seeds.py TARGET FOLDER   (TARGET: yaml, promql, compile or response)

Specs (yaml, compile): every fixture spec, the golden specs, this repository's own slo/ and the
target's past findings. PromQL: every entry of the PromQL corpus, every query in those specs and
the past findings. Prometheus answers (response): the shapes the API sends, with escapes.
Seeds are made at run time, so nothing is stored twice.
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


RESPONSES = [
    '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"api","slo_report_range":"3600"},'
    '"value":[1772496000,"42.5"]},{"metric":{},"value":[1772496000.781,"NaN"]}]}}',
    '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up"},'
    '"values":[[1,"1"],[61,"+Inf"],[121,"-Inf"],[181,"2e-3"]]}]},"warnings":["x"],"infos":[]}',
    '{"status":"success","data":{"resultType":"scalar","result":[5,"3"]}}',
    '{"status":"success","data":{"resultType":"string","result":[5,"hello"]}}',
    '{"status":"error","errorType":"bad_data","error":"parse error: unexpected \\"}\\" \\u00e9\\ud83d\\ude00"}',
    '{ "status" : "success" , "data" : { "resultType" : "vector" , "result" : [ ] } }',
    '{"status":"success","data":null}',
    '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a\\nb":"c\\td\\/e"},"value":[0,"1"]}],'
    '"stats":{"samples":{"totalQueryableSamples":12,"peak":true}}}}',
]


def main():
    target, folder = sys.argv[1], pathlib.Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    if target == "promql":
        seeds = list(promql_seeds())
    elif target == "response":
        seeds = [answer.encode() for answer in RESPONSES]
    else:
        seeds = [path.read_bytes() for path in spec_files()]
    seeds += [path.read_bytes() for path in sorted((FIXTURES / "fuzz" / target).glob("*"))]
    for seed in seeds:
        (folder / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
    print(f"{target}: {len(set(seeds))} seeds")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Validates JSON files against a JSON Schema (draft 2020-12). Usage: validate_json.py SCHEMA FILE...

Prints one line per problem and exits 1 when any file does not conform."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failed = False
for path in sys.argv[2:]:
    for error in validator.iter_errors(json.load(open(path))):
        failed = True
        print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
sys.exit(1 if failed else 0)

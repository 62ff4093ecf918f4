#!/usr/bin/env python3
"""Validates outreach YAML files against the JSON Schemas in Schemas/.

    Scripts/validate-schemas.py SCHEMA FILE...

A message file's front matter (between its first two '---' lines) is
validated, not the whole file. Prints one line per problem; exits with 1 when
there is any. Used by the tests; handy by hand too.
"""
import json
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    """YAML as outreach reads it: an unquoted date such as 2026-05-01 stays a string."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if path.endswith(".md"):
        parts = text.split("\n---\n", 1)
        text = parts[0].removeprefix("---\n") if text.startswith("---\n") else ""
    return yaml.load(text, Loader=Loader)


schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failed = False
for path in sys.argv[2:]:
    for error in validator.iter_errors(load(path)):
        failed = True
        print(f"{path}: /{'/'.join(map(str, error.absolute_path))}: {error.message[:300]}")
sys.exit(1 if failed else 0)

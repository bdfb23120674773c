#!/usr/bin/env python3
"""Validates scenario files against schema/scenario.schema.json with python3-jsonschema.

usage: validate_scenarios.py SCHEMA PATH... [--expect-invalid]
Each PATH is a YAML file or a folder (searched for *.yaml). Prints one line per file that
breaks the schema (file, the place in it, the message) and exits 1 if any does; with
--expect-invalid, every file must break it (the check can fail), and the exit is 1 if one
passes.
"""
import pathlib
import re
import sys

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 booleans (true/false only), as yaml-cpp and editors' YAML servers read them:
    PyYAML's YAML 1.1 would read `ring: off` as false."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for first in "tTfF":
    Yaml12Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list(first))


def files(paths):
    for p in map(pathlib.Path, paths):
        yield from (sorted(p.rglob("*.yaml")) if p.is_dir() else [p])


def main(argv):
    expect_invalid = "--expect-invalid" in argv
    args = [a for a in argv if a != "--expect-invalid"]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    schema = yaml.safe_load(open(args[0], encoding="utf-8"))  # JSON is YAML
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    checked = bad = 0
    for f in files(args[1:]):
        checked += 1
        try:
            doc = yaml.load(open(f, encoding="utf-8"), Loader=Yaml12Loader)
            errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        except yaml.YAMLError as e:
            errors = [jsonschema.ValidationError(f"not valid YAML: {e}")]
        except RecursionError:
            errors = [jsonschema.ValidationError("nested too deeply to read")]
        if errors and not expect_invalid:
            bad += 1
            for e in errors[:3]:
                print(f"{f}: at {'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:300]}")
        elif not errors and expect_invalid:
            bad += 1
            print(f"{f}: passed the schema, but it must not")
    print(f"{checked} file(s) checked, {bad} {'passed that must not' if expect_invalid else 'broke the schema'}")
    return 1 if bad or not checked else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

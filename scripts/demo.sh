#!/usr/bin/env bash
# Set up a virtualenv (first run only) and convert every sample to records in out/records/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
.venv/bin/policyparse records samples/*.txt samples/html/*.html --out out/records
echo "records written to out/records/ (one JSON file per notice)"

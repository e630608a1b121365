#!/usr/bin/env bash
# Set up a virtualenv (first run only) with the test extra and run the whole suite,
# then the linters. Exit status is the suite's; pytest's "no tests ran" (5) is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[dev]"
.venv/bin/python -m pytest -q "$@"
.venv/bin/ruff check src tests benchmarks
.venv/bin/mypy

#!/usr/bin/env bash
# The README's test command: from a fresh Debian machine to every test passing.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash test/setup/install-system-deps.sh
npm ci --no-audit --no-fund
echo "install: $(( $(date +%s) - start )) s"
npm test
echo "install + tests: $(( $(date +%s) - start )) s"

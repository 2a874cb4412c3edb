#!/usr/bin/env bash
# Lint, types and the layer rules at once (each is mostly one core, and CI has two): the suite
# fails if any of them does, after all three have said what they found.
set -uo pipefail
cd "$(dirname "$0")/.."
npm run -s lint > test-results/lint.log 2>&1 & lint=$!
npm run -s typecheck > test-results/typecheck.log 2>&1 & types=$!
npm run -s deps > test-results/deps.log 2>&1 & deps=$!
status=0
for job in "lint:$lint" "typecheck:$types" "deps:$deps"; do
  name=${job%%:*}
  if wait "${job##*:}"; then echo "$name: ok"; else echo "$name: FAILED"; status=1; fi
  cat "test-results/$name.log"
done
exit $status

#!/usr/bin/env bash
# Edition linking on the labelled corpora (src/test/resources/editions, split in SPLIT.md): prints
# pairwise precision and recall overall and per language pair, with operator suggestions per 100
# items, for the tuning streams (old corpus, corpus-b odd) and the frozen test part (corpus-b even),
# then the frozen part's mistakes. The same test runs in ./mvnw verify and fails below the bar.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -o test -Dtest=EditionLinkingEvaluationTest -Dsurefire.failIfNoSpecifiedTests=false > /dev/null || true
cat target/edition-linking.txt

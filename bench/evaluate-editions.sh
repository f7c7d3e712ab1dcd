#!/usr/bin/env bash
# Edition linking on the labelled corpus (src/test/resources/editions): prints pairwise precision,
# recall and F1 for explicit links (demo copy) and automatic links (40 stories, 25 hard negatives),
# then every wrong and missed pair. The same test runs in ./mvnw verify and fails below the bar.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test -Dtest=EditionLinkingEvaluationTest -Dsurefire.failIfNoSpecifiedTests=false > /dev/null || true
cat target/edition-linking.txt

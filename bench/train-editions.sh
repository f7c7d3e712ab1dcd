#!/usr/bin/env bash
# Learns src/main/resources/edition-model.json from the TUNING part of the labelled corpora only
# (src/test/resources/editions/SPLIT.md): logistic regression on the edition evidence, thresholds
# chosen by 5-fold cross-validation by story. Prints every threshold tried and what was chosen.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -o test-compile
./mvnw -q -B -o dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test > /dev/null
java -Dfile.encoding=UTF-8 -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.wiregate.edition.EditionModelTrainer src/main/resources/edition-model.json

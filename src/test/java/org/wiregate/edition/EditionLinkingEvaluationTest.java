package org.wiregate.edition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The acceptance bar of edition linking, on the labelled corpus: explicit links all found,
 * automatic links with precision at least 0.97 and recall at least 0.90. bench/evaluate-editions.sh
 * runs this and prints the scores; a regression fails the build.
 */
class EditionLinkingEvaluationTest {

    @Test
    void explicitAndAutomaticLinksMeetTheBar() throws IOException {
        NameFolding folding = new NameFolding(NamesList.load(Path.of("mappings/names")));
        EditionLinker linker = new EditionLinker(
                new EditionMatcher(EditionMatcher.Weights.defaults()), EditionLinker.Thresholds.defaults());
        EditionEvaluation.Scores explicit = EditionEvaluation.explicit();
        EditionEvaluation.Scores automatic = EditionEvaluation.automatic(linker, folding);

        String report =
                explicit.line() + "\n" + automatic.line() + "\n" + String.join("\n", automatic.mistakes()) + "\n";
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/edition-linking.txt"), report, StandardCharsets.UTF_8);
        System.out.println(report);

        assertThat(explicit.precision()).isEqualTo(1.0);
        assertThat(explicit.recall()).isEqualTo(1.0);
        assertThat(automatic.truePositives())
                .as("the corpus has editions to find")
                .isGreaterThan(60);
        assertThat(automatic.precision()).as(automatic.line()).isGreaterThanOrEqualTo(0.97);
        assertThat(automatic.recall()).as(automatic.line()).isGreaterThanOrEqualTo(0.90);
    }
}

package org.wiregate.edition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The acceptance bar of edition linking (issue 15), graded on the FROZEN TEST part of corpus-b only
 * (src/test/resources/editions/SPLIT.md): precision at least 0.97 and recall at least 0.95 over all
 * cross-language pairs, recall at least 0.90 for each language pair, explicit links all found. The
 * tuning streams are reported beside it, never graded. Writes target/edition-linking.txt;
 * bench/evaluate-editions.sh prints it.
 */
class EditionLinkingEvaluationTest {

    @Test
    void theShippedModelMeetsTheBarOnTheFrozenTestPart() throws IOException {
        EditionLinker linker = EditionLinker.of(EditionModel.shipped(), EditionEvaluation.WINDOW);
        NameFolding folding = EditionEvaluation.folding();
        EditionEvaluation.Scores demo = EditionEvaluation.explicitOnDemoCopy();

        StringBuilder report = new StringBuilder("Edition linking with src/main/resources/edition-model.json\n")
                .append(demo.line())
                .append("\n\n");
        for (EditionCorpus.Stream tuning : EditionCorpus.tuning()) {
            report.append("[tuning] ")
                    .append(EditionEvaluation.evaluate(tuning, EditionEvaluation.evidence(tuning, folding), linker)
                            .text());
        }
        EditionCorpus.Stream frozen = EditionCorpus.corpusB(CorpusSplit.Part.FROZEN);
        EditionEvaluation.Report graded =
                EditionEvaluation.evaluate(frozen, EditionEvaluation.evidence(frozen, folding), linker);
        report.append("[frozen] ").append(graded.text());
        report.append("frozen-test mistakes, for the record (never tuned on):\n");
        graded.mistakes().forEach(m -> report.append("  ").append(m).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/edition-linking.txt"), report, StandardCharsets.UTF_8);
        System.out.println(report);

        assertThat(demo.precision()).isEqualTo(1.0);
        assertThat(demo.recall()).isEqualTo(1.0);
        assertThat(graded.items())
                .as("corpus-b's frozen test part is in src/test/resources/editions/corpus-b")
                .isPositive();
        SoftAssertions bar = new SoftAssertions();
        bar.assertThat(graded.overall().precision()).as(graded.overall().line()).isGreaterThanOrEqualTo(0.97);
        bar.assertThat(graded.overall().recall()).as(graded.overall().line()).isGreaterThanOrEqualTo(0.95);
        graded.byPair()
                .values()
                .forEach(pair -> bar.assertThat(pair.recall()).as(pair.line()).isGreaterThanOrEqualTo(0.90));
        bar.assertThat(graded.explicit().recall()).as(graded.explicit().line()).isEqualTo(1.0);
        bar.assertThat(graded.explicit().precision())
                .as(graded.explicit().line())
                .isEqualTo(1.0);
        bar.assertAll();
    }
}

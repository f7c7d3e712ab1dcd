package org.wiregate.edition;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.wiregate.article.Language;

/** The pieces of evidence that must survive translation, and the settings the gateway runs with. */
class EditionEvidenceTest {

    private final NameFolding folding = new NameFolding(NamesList.load(Path.of("mappings/names")));

    @Test
    void namesFoldToOneKeyAcrossScriptsAndAccents() {
        assertThat(folding.key("بوتين")).isEqualTo(folding.key("Putin")).isEqualTo(folding.key("Putín"));
        assertThat(folding.key("غويتا")).isEqualTo(folding.key("Goïta")).isEqualTo(folding.key("Goita"));
        assertThat(folding.key("ماكرون")).isEqualTo(folding.key("Macron"));
        assertThat(folding.key("وبيروت")).as("Arabic 'and' written onto the word").isEqualTo(folding.key("Beirut"));
        assertThat(folding.key("بالدوحة")).as("'in the' written onto the word").isEqualTo(folding.key("Doha"));
    }

    @Test
    void namesListSettlesWhatFoldingCannot() {
        assertThat(folding.key("مصر")).isEqualTo(folding.key("Egypt")).isEqualTo(folding.key("Egipto"));
        assertThat(folding.listed("أسيمي غويتا")).isEqualTo(folding.listed("Assimi Goïta"));
    }

    @Test
    void figuresReadTheSameInEveryScriptAndConvention() {
        assertThat(plain(NumberExtractor.significant("قتل ٤٥ شخصا", Language.AR))).containsExactly("45");
        assertThat(plain(NumberExtractor.significant("1.500 millones y un 3,5 %", Language.ES))).containsExactly("1500", "3.5");
        assertThat(plain(NumberExtractor.significant("1,500 million and 3.5%", Language.EN))).containsExactly("1500", "3.5");
        assertThat(plain(NumberExtractor.significant("نسبة ٣٫٥٪ في ٢٠٢٦", Language.AR))).as("years say nothing").containsExactly("3.5");
    }

    private static java.util.List<String> plain(java.util.Set<BigDecimal> numbers) {
        return numbers.stream().map(BigDecimal::toPlainString).toList();
    }

    @Test
    void theGatewayRunsWithTheWeightsAndThresholdsTheCorpusWasMeasuredWith() {
        EditionProperties bound = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("gateway.editions", EditionProperties.class);
        EditionProperties.Weights w = bound.weights();
        assertThat(new EditionMatcher.Weights(w.image(), w.number(), w.numberShare(), w.name(), w.nameCap(), w.dateline(),
                w.section(), w.region())).isEqualTo(EditionMatcher.Weights.defaults());
        assertThat(new EditionLinker.Thresholds(bound.window(), bound.linkAt(), bound.suggestAt(), bound.margin()))
                .isEqualTo(EditionLinker.Thresholds.defaults());
    }
}

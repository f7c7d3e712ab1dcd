package org.wiregate.edition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.wiregate.article.Language;

/**
 * The lexicon scan passes over words that start no entry with one look-up; what it finds must be
 * what trying every length at every word finds, on the edition corpus in all three languages.
 */
class CldrLexiconTest {

    private static final int LONGEST = 4;

    @Test
    void theScanFindsWhatTryingEveryLengthFinds() throws IOException {
        CldrLexicon lexicon = CldrLexicon.get();
        ObjectMapper json = new ObjectMapper();
        int texts = 0;
        int mentions = 0;
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/editions/corpus"))) {
            for (Path file : files.sorted().toList()) {
                JsonNode item = json.readTree(file.toFile());
                Language language =
                        Language.fromTag(item.path("language").asText()).orElseThrow();
                String text = item.path("headlines").path(0).path("value").asText() + " \n "
                        + item.path("descriptions").path(0).path("value").asText() + " \n "
                        + Jsoup.parseBodyFragment(item.path("bodies")
                                        .path(0)
                                        .path("value")
                                        .asText())
                                .text();
                List<String> words = TextFolding.tokens(text);

                List<CldrLexicon.Mention> found = lexicon.scan(words, language);

                assertThat(found).as(file.getFileName().toString()).isEqualTo(everyLength(lexicon, words, language));
                texts++;
                mentions += found.size();
            }
        }
        assertThat(texts).isGreaterThan(100);
        assertThat(mentions).as("the corpus names countries, cities, months").isGreaterThan(texts);
    }

    /** The scan as it was: every length from the longest down, every form of the first word. */
    private static List<CldrLexicon.Mention> everyLength(CldrLexicon lexicon, List<String> words, Language language) {
        List<CldrLexicon.Mention> found = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            CldrLexicon.Mention mention = null;
            for (int length = Math.min(LONGEST, words.size() - i); length >= 1 && mention == null; length--) {
                String rest = length > 1 ? " " + String.join(" ", words.subList(i + 1, i + length)) : "";
                for (String first : TextFolding.variants(words.get(i), language)) {
                    Set<String> keys = lexicon.entry(first + rest);
                    if (keys != null) {
                        mention = new CldrLexicon.Mention(keys, i, i + length);
                        break;
                    }
                }
            }
            if (mention == null) {
                i++;
            } else {
                found.add(mention);
                i = mention.end();
            }
        }
        return found;
    }
}

package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.publish.FeedWriterFixtures.BRIEF;
import static org.wiregate.publish.FeedWriterFixtures.EMBARGO;
import static org.wiregate.publish.FeedWriterFixtures.LISBOA_AR;
import static org.wiregate.publish.FeedWriterFixtures.LISBOA_ES;
import static org.wiregate.publish.FeedWriterFixtures.LISBON;
import static org.wiregate.publish.FeedWriterFixtures.SAHEL_ARABIC;
import static org.wiregate.publish.FeedWriterFixtures.URLS;
import static org.wiregate.publish.FeedWriterFixtures.USAGE_TERMS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wiregate.article.Article;
import org.wiregate.article.Image;
import org.wiregate.article.Status;
import org.wiregate.support.ArticleBuilder;
import org.wiregate.support.NinjsSchema;

/**
 * Every shape of item {@link NinjsWriter} writes is valid against IPTC's official ninjs 2.2 JSON
 * Schema ({@link NinjsSchema}): full text, summary only, an embargoed item shown early, killed and
 * withheld items, with and without pictures, editions, corrections and credits. The HTTP side of the
 * same check, per contract, is {@code partner/NinjsSchemaOverHttpTest}.
 */
class NinjsWriterSchemaTest {

    private final NinjsWriter writer = new NinjsWriter(URLS);

    @Test
    void theSchemaRejectsWhatNinjs22DoesNotAllow() {
        ObjectNode valid = writer.item(LISBON, "demo-story-20", List.of(LISBOA_ES));
        NinjsSchema.assertValid("as written", valid);

        assertThat(NinjsSchema.errors(valid.deepCopy().put("keywords", "cycling")))
                .as("an unknown property")
                .isNotEmpty();
        assertThat(NinjsSchema.errors(valid.deepCopy().put("version", 1)))
                .as("version is a string")
                .isNotEmpty();
        assertThat(NinjsSchema.errors(valid.deepCopy().put("pubstatus", "killed")))
                .as("pubstatus enum")
                .isNotEmpty();
        assertThat(NinjsSchema.errors(valid.deepCopy().put("versioncreated", "27 Nov 2026")))
                .as("date-time format is asserted")
                .isNotEmpty();
        ObjectNode badAssociation = valid.deepCopy();
        ((ObjectNode) badAssociation.path("associations").get(0)).put("rel", "featureimage");
        assertThat(NinjsSchema.errors(badAssociation))
                .as("associations allow no rel")
                .isNotEmpty();
        ObjectNode noUri = valid.deepCopy();
        noUri.remove("uri");
        assertThat(NinjsSchema.errors(noUri)).as("uri is required").isNotEmpty();
    }

    @Test
    void fullTextItemsAreValid() {
        Map<String, JsonNode> items = new LinkedHashMap<>();
        items.put(
                "Lisbon with picture and editions",
                writer.item(LISBON, "demo-story-20", List.of(LISBOA_AR, LISBOA_ES)));
        items.put("Arabic", writer.item(SAHEL_ARABIC, "demo-story-01", List.of()));
        items.put("Spanish feature", writer.item(LISBOA_ES, "demo-story-20", List.of(LISBON)));
        items.put("brief without standfirst, byline or picture", writer.item(BRIEF, null, List.of()));
        items.put(
                "corrected, with partner terms",
                writer.item(
                        LISBON.withCorrectionNote("Corrects the length to 40 km")
                                .withRevision(2),
                        "demo-story-20",
                        List.of(),
                        new NinjsWriter.Cut(false, USAGE_TERMS)));
        items.put(
                "picture without caption, credit, type or size",
                writer.item(
                        ArticleBuilder.from(BRIEF)
                                .images(new Image("https://images.example.org/markets.jpg", null, null, null, 0, 0))
                                .build(),
                        null,
                        List.of()));
        items.put(
                "no agency or credit line",
                writer.item(
                        ArticleBuilder.from(BRIEF).agency(null).creditLine(null).build(), null, List.of()));
        items.forEach(NinjsSchema::assertValid);
    }

    @Test
    void summaryOnlyItemsAreValid() {
        NinjsWriter.Cut summary =
                new NinjsWriter.Cut(true, USAGE_TERMS + " Partner contract: headline and summary only.");
        NinjsSchema.assertValid("summary Lisbon", writer.item(LISBON, "demo-story-20", List.of(LISBOA_ES), summary));
        NinjsSchema.assertValid("summary Arabic", writer.item(SAHEL_ARABIC, null, List.of(), summary));
        NinjsSchema.assertValid("summary brief", writer.item(BRIEF, null, List.of(), summary));
    }

    @Test
    void embargoedItemsShownEarlyAreValid() {
        Article embargoed = ArticleBuilder.from(LISBON).embargoUntil(EMBARGO).build();
        NinjsSchema.assertValid(
                "embargo preview, full text",
                writer.item(embargoed, "demo-story-20", List.of(LISBOA_AR), new NinjsWriter.Cut(false, USAGE_TERMS)));
        NinjsSchema.assertValid(
                "embargo preview, summary only",
                writer.item(embargoed, "demo-story-20", List.of(), new NinjsWriter.Cut(true, USAGE_TERMS)));
    }

    @Test
    void killedAndWithheldItemsAreValid() {
        Article killed = ArticleBuilder.from(LISBON).status(Status.CANCELED).build();
        NinjsSchema.assertValid("killed", writer.item(killed, "demo-story-20", List.of(LISBOA_ES)));
        NinjsSchema.assertValid(
                "killed, summary contract",
                writer.item(killed, null, List.of(), new NinjsWriter.Cut(true, USAGE_TERMS)));
        NinjsSchema.assertValid(
                "withheld",
                writer.item(ArticleBuilder.from(BRIEF).status(Status.WITHHELD).build(), null, List.of()));
    }
}

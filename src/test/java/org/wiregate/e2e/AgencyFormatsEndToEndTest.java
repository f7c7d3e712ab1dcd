package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.ArticleId;
import org.wiregate.support.Fixtures;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.MutableClock;
import org.wiregate.support.TestDirectories;

/**
 * Every agency format through the agencies' own mappings, each outcome read back from the feeds:
 * a story's update, correction and kill (NewsML-G2, Reuters), embargoes lifting at their instant
 * (fixed clock), Arabic NewsML 1.2 (AFP), Spanish and Arabic NITF (EFE, QNA), ninjs 3 (dpa),
 * IPTC 7901 in windows-1256 (QNA) and ANPA 1312 in ISO-8859-1 (Prensa Latina), JSON Feed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgencyFormatsEndToEndTest {

    /** Before every embargo in the fixtures lifts. */
    private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");

    private static final Path inbox = TestDirectories.create("agencies").resolve("inbox");
    private static final String G2_GUID = "urn:newsml:fixture.example:20261124:lebanon-budget";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "agencies", inbox);
    }

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(START);
        }
    }

    @Test
    @Order(1)
    void newsmlG2StoryIsPublishedUpdatedCorrectedAndKilledUnderOneId() throws Exception {
        String url = "/feeds/en.json";
        ingest("reuters", "g2-v1.xml", "/fixtures/newsml-g2/en-lebanon-budget-v1.xml");
        JsonNode v1 = item(url, "Lebanon's parliament approves 2027 budget after three-day debate");
        String id = v1.path("id").asText();
        assertThat(id).isEqualTo(ArticleId.of("reuters", G2_GUID).urn());
        assertThat(v1.at("/_wire/section").asText()).isEqualTo("politics");
        assertThat(v1.path("image").asText()).startsWith("https://");

        ingest("reuters", "g2-v2.xml", "/fixtures/newsml-g2/en-lebanon-budget-v2-update.xml");
        JsonNode v2 = item(url, "UPDATE 1-Lebanon's parliament approves 2027 budget, IMF welcomes vote");
        assertThat(v2.path("id").asText()).isEqualTo(id);
        assertThat(v2.at("/_wire/version").asText()).isEqualTo("2");

        ingest("reuters", "g2-v3.xml", "/fixtures/newsml-g2/en-lebanon-budget-v3-correction.xml");
        JsonNode v3 = item(url, "CORRECTED-Lebanon's parliament approves 2027 budget, IMF welcomes vote");
        assertThat(v3.path("id").asText()).isEqualTo(id);
        assertThat(v3.at("/_wire/correction").asText()).contains("71-37");
        assertThat(v3.path("content_html").asText()).contains("Correction:").contains("71-37");
        assertThat(v3.path("date_modified").asText()).isEqualTo("2026-11-24T13:30:00Z");

        // The late v1 (a resend of an older version) changes nothing.
        ingest("reuters", "g2-v1-late.xml", "/fixtures/newsml-g2/en-lebanon-budget-v1.xml", "\n");
        assertThat(item(url, "CORRECTED-Lebanon's parliament approves 2027 budget, IMF welcomes vote"))
                .isNotNull();

        ingest("reuters", "g2-v4.xml", "/fixtures/newsml-g2/en-lebanon-budget-v4-kill.xml");
        for (String feed : new String[] {"/feeds/en.json", "/feeds/en.rss"}) {
            assertThat(text(feed)).as(feed).doesNotContain(id).doesNotContain("Lebanon's parliament");
        }
        // Atom keeps only an RFC 6721 tombstone of it, so subscribers delete the entry they have.
        assertThat(text("/feeds/en.atom"))
                .doesNotContain("<id>" + id + "</id>")
                .doesNotContain("Lebanon's parliament")
                .contains("ref=\"" + id + "\"");
        String articlePage = "/en/articles/" + ArticleId.of("reuters", G2_GUID).value();
        assertThat(Http.get(base() + articlePage).statusCode()).isEqualTo(410);
    }

    @Test
    @Order(2)
    void embargoedItemsAreInvisibleUntilTheirInstantThenAppear() throws Exception {
        ingest("reuters", "embargoed.xml", "/fixtures/newsml-g2/en-gulf-grid-embargoed.xml");
        ingest("afp", "embargoed-es.xml", "/fixtures/newsml1/es-madrid-housing-embargoed.xml");
        assertThat(text("/feeds/en.json")).doesNotContain("Gulf states bet on a shared grid");
        assertThat(text("/feeds/es.json")).doesNotContain("40.000 viviendas");

        clock.advance(Duration.between(START, Instant.parse("2026-11-27T06:00:00Z")));
        assertThat(text("/feeds/en.json")).contains("Gulf states bet on a shared grid");
        assertThat(text("/feeds/es.json")).doesNotContain("40.000 viviendas");

        clock.advance(Duration.ofHours(2));
        assertThat(text("/feeds/es.rss")).contains("40.000 viviendas");
    }

    @Test
    @Order(3)
    void arabicAndSpanishCopyInEveryOtherFormatReachesItsFeeds() throws Exception {
        ingest("afp", "afp-ar.xml", "/fixtures/newsml1/ar-afp-lebanon-budget.xml");
        ingest("efe", "efe-es.xml", "/fixtures/nitf/es-efe-libano-presupuesto.xml");
        ingest("qna", "qna-ar.xml", "/fixtures/nitf/ar-qna-doha-grid.xml");
        ingest("dpa", "dpa-en.json", "/fixtures/ninjs3/en-ninjs3-item.json");
        ingest("qna", "qna-7901.txt", "/fixtures/iptc7901/ar-qna-7901-cp1256.txt");
        ingest("prensa-latina", "pl-anpa.txt", "/fixtures/iptc7901/es-prensa-latina-anpa1312-latin1.txt");
        ingest("demo", "feed.json", "/fixtures/jsonfeed/es-jsonfeed-1.1.json");

        String arabic = text("/feeds/ar.atom");
        assertThat(arabic)
                .contains("البرلمان اللبناني يقر موازنة 2027 بعد نقاش استمر ثلاثة أيام")
                .contains("دول الخليج توقع اتفاقية لتوسيع الربط الكهربائي في الدوحة")
                .contains("الدوحة تستضيف جولة جديدة من المحادثات بين الأطراف السودانية الأسبوع المقبل")
                .contains("سياسة");
        String spanish = text("/feeds/es.rss");
        assertThat(spanish)
                .contains("El Parlamento libanés aprueba el presupuesto de 2027 tras tres días de debate")
                .contains("¿Crecerá la economía cubana en 2027? El Gobierno presenta su plan")
                .contains("¿Por qué sube el café? Perú prevé su peor cosecha en una década");
        assertThat(text("/feeds/en.rss")).contains("Rotterdam");
    }

    @Test
    @Order(4)
    void packageAndPictureItemsAreNotTextAndNotErrors() throws Exception {
        ingest("reuters", "package.xml", "/fixtures/newsml-g2/package-and-picture-only.xml");
        assertThat(inbox.resolve("reuters/.error/package.xml")).doesNotExist();
    }

    /** Drops a fixture (optionally with extra bytes, to make a resend differ) and waits until it is done. */
    private void ingest(String source, String name, String fixture, String... suffix) {
        byte[] bytes = Fixtures.bytes(fixture);
        if (suffix.length > 0) {
            bytes = (new String(bytes, StandardCharsets.ISO_8859_1) + suffix[0]).getBytes(StandardCharsets.ISO_8859_1);
        }
        Fixtures.drop(inbox, source, name, bytes);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(inbox.resolve(source + "/.done/" + name))
                        || Files.exists(inbox.resolve(source + "/.error/" + name)));
        assertThat(inbox.resolve(source + "/.done/" + name))
                .as(fixture + " ingested")
                .exists();
    }

    private JsonNode item(String feed, String title) throws Exception {
        for (JsonNode item :
                new ObjectMapper().readTree(Http.get(base() + feed).body()).path("items")) {
            if (item.path("title").asText().equals(title)) {
                return item;
            }
        }
        throw new AssertionError("no item titled \"" + title + "\" in " + feed);
    }

    private String text(String path) throws Exception {
        HttpResponse<byte[]> response = Http.get(base() + path);
        assertThat(response.statusCode()).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private String base() {
        return "http://localhost:" + port;
    }
}

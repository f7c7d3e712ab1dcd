package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.support.ArticleBuilder.anArticle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.article.Section;
import org.wiregate.article.Status;
import org.wiregate.store.ArticleStore;
import org.wiregate.store.StoreOutcome;
import org.wiregate.support.ArticleBuilder;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.MutableClock;
import org.wiregate.support.TestDirectories;

/**
 * RFC 5005 archives over HTTP while copy keeps arriving over seven simulated days (page size 2, so
 * the current document never holds a whole day): a subscriber polling the current document and
 * walking prev-archive until an archive it already has (RFC 5005 4.2) ends with every published item
 * exactly once, never finds an item in two archives, and never falls into a hole, also through an
 * empty day and in a tag feed. Closed archives keep their bytes and ETags through later stores, a
 * correction and a kill, which show in the current document instead (revised entry, tombstone).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ArchiveWalkTest {

    private static final String BASE = "https://news.example.org";
    private static final LocalDate DAY1 = LocalDate.parse("2026-12-01");
    private static final Pattern ARCHIVE_URL = Pattern.compile(".*/archive/(\\d{4}-\\d\\d-\\d\\d)\\.(atom|rss|json)$");

    @LocalServerPort
    int port;

    @Autowired
    ArticleStore store;

    @Autowired
    MutableClock clock;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(
                registry, "archive-walk", TestDirectories.create("archive-walk").resolve("inbox"));
        registry.add("gateway.public-base-url", () -> BASE);
        registry.add("gateway.feeds.page-size", () -> "2");
    }

    /** What one archive document was when first fetched. */
    record Fetched(byte[] body, String etag) {}

    /** An RFC 5005 subscriber of one feed: polls the current document, walks back to known archives. */
    final class Subscriber {
        final String current;
        final Map<String, Fetched> archives = new LinkedHashMap<>();
        /** The reconstructed feed: entry id to the headline of the newest document that had it. */
        final Map<String, String> feed = new HashMap<>();
        /** How many archive documents each entry was found in. */
        final Map<String, Integer> archiveCounts = new HashMap<>();

        Subscriber(String current) {
            this.current = current;
        }

        void poll() throws Exception {
            Feed document = atom(get(current).body());
            assertThat(ARCHIVE_URL
                            .matcher(document.getOtherLinks().stream()
                                    .filter(l -> "self".equals(l.getRel()))
                                    .findFirst()
                                    .orElseThrow()
                                    .getHref())
                            .matches())
                    .isFalse();
            assertThat(new String(get(current).body(), StandardCharsets.UTF_8)).doesNotContain("fh:archive");
            Map<String, String> seen = new HashMap<>();
            entries(document).forEach(seen::put);
            for (String deleted : tombstones(get(current).body())) {
                feed.remove(deleted);
            }
            String prev = link(document, "prev-archive");
            while (prev != null && !archives.containsKey(prev)) {
                HttpResponse<byte[]> response = get(prev);
                assertThat(response.statusCode()).as("a hole at %s", prev).isEqualTo(200);
                assertThat(response.headers().firstValue("Cache-Control").orElseThrow())
                        .contains("max-age=31536000", "immutable", "public");
                archives.put(
                        prev,
                        new Fetched(
                                response.body(),
                                response.headers().firstValue("ETag").orElseThrow()));
                Feed archive = atom(response.body());
                assertThat(new String(response.body(), StandardCharsets.UTF_8))
                        .contains("<fh:archive")
                        .contains("http://purl.org/syndication/history/1.0");
                assertThat(link(archive, "current")).isEqualTo(current);
                assertThat(link(archive, "next-archive")).isNotNull();
                assertThat(link(archive, "next")).isNull(); // no paging links in an archive
                for (Map.Entry<String, String> entry : entries(archive).entrySet()) {
                    archiveCounts.merge(entry.getKey(), 1, Integer::sum);
                    seen.putIfAbsent(entry.getKey(), entry.getValue()); // RFC 5005 4.2: the newer document wins
                }
                prev = link(archive, "prev-archive");
            }
            feed.putAll(seen);
        }
    }

    @Test
    void aSubscriberWalkingBackSeesEveryItemExactlyOnceAndClosedArchivesNeverChange() throws Exception {
        Subscriber main = new Subscriber(BASE + "/feeds/en.atom");
        Subscriber energy = new Subscriber(BASE + "/feeds/en/tag/energy.atom");
        Map<String, Article> published = new LinkedHashMap<>();

        // Day 1: four items; the walker polls once, at the end of the day (page 1 shows only two).
        at(DAY1, 8);
        store(published, "d1-a", DAY1, "energy");
        store(published, "d1-b", DAY1);
        at(DAY1, 14);
        store(published, "d1-c", DAY1, "energy");
        store(published, "d1-d", DAY1);
        main.poll();
        energy.poll();
        assertThat(main.archives).isEmpty(); // nothing closed yet
        assertThat(main.feed).hasSize(2);

        // Day 2, before day 1 closes (grace): still no archive; then after it.
        at(DAY1.plusDays(1), 0, 5);
        main.poll();
        assertThat(main.archives).isEmpty();
        at(DAY1.plusDays(1), 9);
        store(published, "d2-a", DAY1.plusDays(1), "energy");
        store(published, "d2-b", DAY1.plusDays(1));
        store(published, "d2-c", DAY1.plusDays(1));
        // Embargoed until day 3: listed (and archived) on day 3, not day 2.
        Article embargoed = anArticle()
                .wire("walk", "urn:walk:embargoed")
                .language(Language.EN)
                .headline("headline embargoed")
                .publishedAt(instant(DAY1.plusDays(1), 9))
                .section(Section.ECONOMY)
                .embargoUntil(instant(DAY1.plusDays(2), 6))
                .slug("embargoed")
                .build();
        store.save(embargoed, null);
        main.poll();
        energy.poll();
        assertThat(main.archives.keySet()).containsExactly(archive("/feeds/en", DAY1, "atom"));

        // Day 3: a late item dated day 1 arrives; it goes into day 3's archive, not the closed day 1.
        at(DAY1.plusDays(2), 10);
        published.put("urn:walk:embargoed", embargoed);
        store(published, "late", DAY1, "energy");
        store(published, "d3-a", DAY1.plusDays(2));
        main.poll();

        // Day 4: a correction of a day-1 item and a kill of a day-2 item, after their days closed.
        at(DAY1.plusDays(3), 11);
        Map<String, Fetched> before = fetchAll(main.archives.keySet());
        assertThat(before).isNotEmpty();
        Article corrected = ArticleBuilder.from(published.get(guid("d1-a")))
                .agencyVersion("2")
                .headline("headline d1-a corrected")
                .updated(instant(DAY1.plusDays(3), 11))
                .correctionNote("An earlier version misstated the figure.")
                .build();
        assertThat(store.save(corrected, null)).isEqualTo(StoreOutcome.UPDATED);
        published.put(guid("d1-a"), corrected);
        Article killed = published.remove(guid("d2-b"));
        assertThat(store.save(
                        ArticleBuilder.from(killed)
                                .agencyVersion("2")
                                .status(Status.CANCELED)
                                .updated(instant(DAY1.plusDays(3), 11))
                                .build(),
                        null))
                .isEqualTo(StoreOutcome.UPDATED);
        store(published, "d4-a", DAY1.plusDays(3), "energy");

        String currentAtom = new String(get(main.current).body(), StandardCharsets.UTF_8);
        assertThat(currentAtom)
                .as("the correction shows in the current document")
                .contains("headline d1-a corrected")
                .containsPattern("<at:deleted-entry[^>]*ref=\"" + killed.id().urn() + "\"");
        assertThat(fetchAll(before.keySet()))
                .as("closed archives keep their bytes and ETags")
                .allSatisfy((url, now) -> {
                    assertThat(now.etag()).isEqualTo(before.get(url).etag());
                    assertThat(now.body()).isEqualTo(before.get(url).body());
                });
        main.poll();
        energy.poll();

        // Day 5 has no copy at all; day 6 has some. Then everything closes.
        at(DAY1.plusDays(5), 12);
        store(published, "d6-a", DAY1.plusDays(5), "energy");
        main.poll();
        at(DAY1.plusDays(7), 1);
        main.poll();
        energy.poll();

        // Every published item exactly once in the reconstructed feed, nothing else (the kill is gone).
        Set<String> expected = new HashSet<>();
        published.values().forEach(a -> expected.add(a.id().urn()));
        assertThat(main.feed.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(main.feed.get(corrected.id().urn())).isEqualTo("headline d1-a corrected");
        // Each item is in exactly one archive (the kill stays where it was archived: archives never change).
        Set<String> everArchived = new HashSet<>(expected);
        everArchived.add(killed.id().urn());
        assertThat(main.archiveCounts)
                .containsOnlyKeys(everArchived)
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        // The empty day 5 was walked through, not skipped into a hole.
        assertThat(main.archives).containsKey(archive("/feeds/en", DAY1.plusDays(4), "atom"));
        assertThat(main.archives.keySet())
                .containsExactlyInAnyOrderElementsOf(List.of(
                        archive("/feeds/en", DAY1, "atom"),
                        archive("/feeds/en", DAY1.plusDays(1), "atom"),
                        archive("/feeds/en", DAY1.plusDays(2), "atom"),
                        archive("/feeds/en", DAY1.plusDays(3), "atom"),
                        archive("/feeds/en", DAY1.plusDays(4), "atom"),
                        archive("/feeds/en", DAY1.plusDays(5), "atom"),
                        archive("/feeds/en", DAY1.plusDays(6), "atom")));

        Set<String> energyItems = new HashSet<>();
        published.values().stream()
                .filter(a -> a.tags().contains("energy"))
                .forEach(a -> energyItems.add(a.id().urn()));
        assertThat(energy.feed.keySet()).containsExactlyInAnyOrderElementsOf(energyItems);
        assertThat(energy.archiveCounts.values()).containsOnly(1);

        // Every archive document fetched during the week is still byte for byte what it was.
        assertThat(fetchAll(main.archives.keySet())).allSatisfy((url, now) -> {
            assertThat(now.etag()).isEqualTo(main.archives.get(url).etag());
            assertThat(now.body()).isEqualTo(main.archives.get(url).body());
        });
    }

    @Test
    void archivesAnswerConditionalGetsAndOtherFormatsCarryTheSameLinks() throws Exception {
        LocalDate day = LocalDate.parse("2026-10-01");
        at(day, 9);
        Map<String, Article> published = new LinkedHashMap<>();
        store(published, "es-a", day, Language.ES, "energía");
        at(day.plusDays(1), 9);
        store(published, "es-b", day.plusDays(1), Language.ES, "energía");
        at(day.plusDays(2), 9);

        String atomUrl = archive("/feeds/es", day.plusDays(1), "atom");
        HttpResponse<byte[]> atom = get(atomUrl);
        assertThat(atom.statusCode()).isEqualTo(200);
        String etag = atom.headers().firstValue("ETag").orElseThrow();
        assertThat(get(atomUrl, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get(
                                atomUrl,
                                "If-Modified-Since",
                                atom.headers().firstValue("Last-Modified").orElseThrow())
                        .statusCode())
                .isEqualTo(304);

        String rss =
                new String(get(archive("/feeds/es", day.plusDays(1), "rss")).body(), StandardCharsets.UTF_8);
        assertThat(rss)
                .contains("<fh:archive")
                .containsPattern("<atom:link[^>]*href=\"" + Pattern.quote(archive("/feeds/es", day, "rss"))
                        + "\"[^>]*rel=\"prev-archive\"")
                .containsPattern("<atom:link[^>]*href=\"" + BASE + "/feeds/es.rss\"[^>]*rel=\"current\"")
                .contains("headline es-b")
                .doesNotContain("headline es-a");
        JsonNode json = new ObjectMapper()
                .readTree(get(archive("/feeds/es", day.plusDays(1), "json")).body());
        assertThat(json.path("_archive").path("archive").asBoolean()).isTrue();
        assertThat(json.path("_archive").path("prev_archive_url").asText())
                .isEqualTo(archive("/feeds/es", day, "json"));
        assertThat(json.path("_archive").path("current_url").asText()).isEqualTo(BASE + "/feeds/es.json");
        assertThat(json.has("next_url")).isFalse();
        JsonNode current =
                new ObjectMapper().readTree(get(BASE + "/feeds/es.json").body());
        assertThat(current.path("_archive").path("prev_archive_url").asText())
                .isEqualTo(archive("/feeds/es", day.plusDays(1), "json"));
        assertThat(current.path("_archive").path("archive").asBoolean()).isFalse();

        // A tag slice (percent-encoded) has its own chain; the first day has no prev-archive.
        String tagArchive = archive("/feeds/es/tag/energia", day, "atom");
        String tag = new String(get(tagArchive).body(), StandardCharsets.UTF_8);
        assertThat(tag).contains("headline es-a").doesNotContain("rel=\"prev-archive\"");
        // Days not closed, and days before a feed's first, are 404s that say why.
        HttpResponse<byte[]> open = get(archive("/feeds/es", day.plusDays(2), "atom"));
        assertThat(open.statusCode()).isEqualTo(404);
        assertThat(get(archive("/feeds/es", day.minusDays(1), "atom")).statusCode())
                .isEqualTo(404);
        assertThat(get(BASE + "/feeds/es/archive/2026-13-01.atom").statusCode()).isEqualTo(404);
    }

    private void store(Map<String, Article> published, String name, LocalDate day, String... tags) {
        store(published, name, day, Language.EN, tags);
    }

    private void store(Map<String, Article> published, String name, LocalDate day, Language language, String... tags) {
        Article article = anArticle()
                .wire("walk", guid(name))
                .language(language)
                .headline("headline " + name)
                .publishedAt(instant(day, 7).plusSeconds(published.size()))
                .section(Section.POLITICS)
                .tags(tags)
                .slug(name)
                .build();
        store.save(article, null);
        published.put(guid(name), article);
    }

    private static String guid(String name) {
        return "urn:walk:" + name;
    }

    private void at(LocalDate day, int hour) {
        at(day, hour, 0);
    }

    private void at(LocalDate day, int hour, int minute) {
        clock.set(instant(day, hour).plus(Duration.ofMinutes(minute)));
    }

    private static Instant instant(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    private static String archive(String feed, LocalDate day, String format) {
        return BASE + feed + "/archive/" + day + "." + format;
    }

    private Map<String, Fetched> fetchAll(Set<String> urls) throws Exception {
        Map<String, Fetched> fetched = new LinkedHashMap<>();
        for (String url : urls) {
            HttpResponse<byte[]> response = get(url);
            assertThat(response.statusCode()).isEqualTo(200);
            fetched.put(
                    url,
                    new Fetched(
                            response.body(),
                            response.headers().firstValue("ETag").orElseThrow()));
        }
        return fetched;
    }

    private HttpResponse<byte[]> get(String publicUrl, String... headers) throws Exception {
        return Http.get(publicUrl.replace(BASE, "http://localhost:" + port), headers);
    }

    private static Feed atom(byte[] body) throws Exception {
        return (Feed) new WireFeedInput().build(new com.rometools.rome.io.XmlReader(new ByteArrayInputStream(body)));
    }

    private static String link(Feed feed, String rel) {
        return feed.getOtherLinks().stream()
                .filter(l -> rel.equals(l.getRel()))
                .map(Link::getHref)
                .findFirst()
                .orElse(null);
    }

    private static Map<String, String> entries(Feed feed) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (Entry entry : feed.getEntries()) {
            assertThat(entries.put(entry.getId(), entry.getTitleEx().getValue()))
                    .as("an entry twice in one document")
                    .isNull();
        }
        return entries;
    }

    private static List<String> tombstones(byte[] body) {
        List<String> refs = new ArrayList<>();
        Matcher m = Pattern.compile("<at:deleted-entry[^>]*ref=\"([^\"]+)\"")
                .matcher(new String(body, StandardCharsets.UTF_8));
        while (m.find()) {
            refs.add(m.group(1));
        }
        return refs;
    }

    @TestConfiguration
    static class ClockConfiguration {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(instant(DAY1, 0));
        }
    }
}

package org.wiregate.partner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.Language;
import org.wiregate.store.ArticleStore;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.PartnerFixtures;
import org.wiregate.support.PartnerFixtures.Story;
import org.wiregate.support.TestDirectories;

/**
 * The delta API's promise under load: four threads publish 250 items (then 120 corrections)
 * while a partner pages at 100 per page; every (id, version) arrives exactly once and the last
 * version of every item arrives.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeltaUnderConcurrentPublishingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Language[] LANGUAGES = Language.values();

    @LocalServerPort
    int port;

    @Autowired
    ArticleStore store;

    @Autowired
    PartnerRepository partners;

    @Autowired
    PartnerKeys keys;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(
                registry,
                "partner-delta-load",
                TestDirectories.create("partner-delta-load").resolve("inbox"));
    }

    @Test
    void everyIdAndVersionArrivesExactlyOnceWhilePublishingGoesOn() throws Exception {
        String key = PartnerFixtures.partnerWithKey(partners, keys, "load", null);
        List<Story> stories = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            stories.add(Story.of(i % 2 == 0 ? "afp" : "efe", "load-" + i, LANGUAGES[i % 3]));
        }
        Reader reader = new Reader(key);

        publishConcurrently(stories);
        reader.readUntilCaughtUp(() -> false);
        assertThat(reader.duplicates).isEmpty();
        assertThat(reader.received.keySet()).hasSize(250);
        assertThat(reader.received.values()).allMatch(v -> v.equals(Set.of("1")));
        // The reader really paged while the writers wrote, at most 100 a page (how full depends on timing).
        assertThat(reader.pagesWhilePublishing).isGreaterThanOrEqualTo(5);
        assertThat(reader.largestPage).isBetween(2, 100);

        // Corrections while the partner keeps reading: each new version once, the newest always.
        List<Story> corrected = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            corrected.add(stories.get(i * 2).nextVersion("<p>Corrected " + i + ".</p>"));
        }
        publishConcurrently(corrected);
        reader.readUntilCaughtUp(() -> false);
        assertThat(reader.duplicates).isEmpty();
        for (Story story : corrected) {
            assertThat(reader.received.get(story.id().urn())).contains("2");
        }
    }

    /** Four publishers in parallel; the reader pages at the same time on the test thread. */
    /**
     * Four publishers in parallel, in waves of 50; the reader pages on the test thread while each
     * wave is written and once between waves, so reads are interleaved with commits on every run.
     */
    private void publishConcurrently(List<Story> stories) throws Exception {
        ExecutorService publishers = Executors.newFixedThreadPool(4);
        Reader concurrent = readerDuringPublishing;
        try {
            for (int from = 0; from < stories.size(); from += 50) {
                List<Story> wave = stories.subList(from, Math.min(from + 50, stories.size()));
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    done.add(publishers.submit(() -> {
                        for (int i = thread; i < wave.size(); i += 4) {
                            store.save(wave.get(i).article(), null);
                            if (ThreadLocalRandom.current().nextInt(10) == 0) {
                                Thread.yield(); // let the reader in between some commits
                            }
                        }
                        return null;
                    }));
                }
                do {
                    concurrent.readOnePage();
                    concurrent.pagesWhilePublishing++;
                } while (done.stream().anyMatch(f -> !f.isDone()));
                for (Future<?> f : done) {
                    f.get();
                }
            }
        } finally {
            publishers.shutdown();
        }
    }

    private Reader readerDuringPublishing;

    /** A partner's client: keeps its cursor, records every (uri, version) it is given. */
    private final class Reader {
        final String key;
        String cursor;
        final Map<String, Set<String>> received = new HashMap<>();
        final List<String> duplicates = new ArrayList<>();
        int largestPage;
        int pagesWhilePublishing;

        Reader(String key) {
            this.key = key;
            readerDuringPublishing = this;
        }

        /** One page; true when it was full (more is waiting). */
        boolean readOnePage() throws Exception {
            String url = "http://localhost:" + port + "/api/partner/articles?limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor);
            HttpResponse<byte[]> response = Http.get(url, "Authorization", "Bearer " + key);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode page = JSON.readTree(response.body());
            for (JsonNode item : page.path("items")) {
                String uri = item.path("uri").asText();
                String version = item.path("version").asText();
                if (!received.computeIfAbsent(uri, u -> new HashSet<>()).add(version)) {
                    duplicates.add(uri + " v" + version);
                }
            }
            largestPage = Math.max(largestPage, page.path("items").size());
            cursor = page.path("cursor").asText();
            return page.path("more").asBoolean();
        }

        void readUntilCaughtUp(BooleanSupplier stop) throws Exception {
            while (readOnePage() && !stop.getAsBoolean()) {
                // keep paging
            }
        }
    }
}

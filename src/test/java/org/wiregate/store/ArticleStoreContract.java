package org.wiregate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.support.ArticleBuilder.anArticle;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Image;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.article.Status;
import org.wiregate.support.ArticleBuilder;

/**
 * Identity, idempotency and the version gate, run against every database the gateway supports
 * (subclasses choose H2 or PostgreSQL). Each test uses its own agency guid.
 */
abstract class ArticleStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");

    @Autowired
    ArticleStore store;

    @Autowired
    ArticleRepository articles;

    @Autowired
    PayloadRepository payloads;

    @Autowired
    OpsQueries ops;

    @Autowired
    Rejections rejections;

    @Autowired
    ChangeLog changes;

    @Autowired
    JdbcClient jdbc;

    @Test
    void firstVersionIsCreatedWithRevisionOne() {
        Article v1 = article(guid(), "1", T0, "مالي وروسيا تؤكدان تعزيز التعاون الأمني", Language.AR);
        assertThat(store.save(v1, null)).isEqualTo(StoreOutcome.CREATED);
        Article stored = articles.find(v1.id()).orElseThrow();
        assertThat(stored.revision()).isEqualTo(1);
        assertThat(stored.headline()).isEqualTo("مالي وروسيا تؤكدان تعزيز التعاون الأمني");
        assertThat(stored.images()).containsExactlyElementsOf(v1.images());
        assertThat(stored.regions()).containsExactly(Region.AFRICA);
    }

    @Test
    void sameVersionAgainChangesNothing() {
        String guid = guid();
        store.save(article(guid, "1", T0, "Headline", Language.EN), null);
        assertThat(store.save(article(guid, "1", T0, "Headline", Language.EN), null))
                .isEqualTo(StoreOutcome.UNCHANGED);
        assertThat(articles.find(ArticleId.of("test", guid)).orElseThrow().revision())
                .isEqualTo(1);
    }

    @Test
    void newerVersionUpdatesInPlaceKeepingIdAndFirstPublished() {
        String guid = guid();
        Article v1 = article(guid, "1", T0, "Turnout at 48%", Language.EN);
        store.save(v1, null);
        Article v2 = article(guid, "2", T0.plusSeconds(1800), "Turnout at 44%", Language.EN);
        assertThat(store.save(v2, null)).isEqualTo(StoreOutcome.UPDATED);
        Article stored = articles.find(v1.id()).orElseThrow();
        assertThat(stored.id()).isEqualTo(v1.id());
        assertThat(stored.revision()).isEqualTo(2);
        assertThat(stored.headline()).isEqualTo("Turnout at 44%");
        assertThat(stored.firstPublished()).isEqualTo(T0);
        assertThat(stored.wire().agencyVersion()).isEqualTo("2");
    }

    @Test
    void olderVersionArrivingLateIsIgnored() {
        String guid = guid();
        store.save(article(guid, "3", T0.plusSeconds(3600), "Third", Language.ES), null);
        assertThat(store.save(article(guid, "2", T0.plusSeconds(1800), "Second", Language.ES), null))
                .isEqualTo(StoreOutcome.STALE);
        assertThat(articles.find(ArticleId.of("test", guid)).orElseThrow().headline())
                .isEqualTo("Third");
    }

    @Test
    void numericVersionsCompareAsNumbersNotText() {
        String guid = guid();
        store.save(article(guid, "9", T0, "Nine", Language.EN), null);
        assertThat(store.save(article(guid, "10", T0, "Ten", Language.EN), null))
                .isEqualTo(StoreOutcome.UPDATED);
    }

    @Test
    void withoutAgencyVersionsALaterUpdateTimeWins() {
        String guid = guid();
        store.save(article(guid, null, T0, "RSS first", Language.AR), null);
        assertThat(store.save(article(guid, null, T0.plusSeconds(60), "RSS edited", Language.AR), null))
                .isEqualTo(StoreOutcome.UPDATED);
        assertThat(store.save(article(guid, null, T0, "RSS first", Language.AR), null))
                .isEqualTo(StoreOutcome.UNCHANGED);
        assertThat(store.save(article(guid, null, T0, "RSS first, resent late with a typo", Language.AR), null))
                .isEqualTo(StoreOutcome.STALE);
    }

    @Test
    void correctionKeepsTheIdBumpsUpdatedAndCarriesItsNoteIntoLaterVersions() {
        String guid = guid();
        Article v1 = article(guid, "1", T0, "Turnout at 48%", Language.EN);
        store.save(v1, null);
        Article correction = article(guid, "2", T0.plusSeconds(900), "Turnout at 44%", Language.EN)
                .withCorrectionNote("Corrects turnout to 44%, not 48%");
        assertThat(store.save(correction, null)).isEqualTo(StoreOutcome.UPDATED);
        Article stored = articles.find(v1.id()).orElseThrow();
        assertThat(stored.updated()).isEqualTo(T0.plusSeconds(900));
        assertThat(stored.correctionNote()).isEqualTo("Corrects turnout to 44%, not 48%");

        store.save(article(guid, "3", T0.plusSeconds(1800), "Turnout at 44%, count complete", Language.EN), null);
        assertThat(articles.find(v1.id()).orElseThrow().correctionNote()).isEqualTo("Corrects turnout to 44%, not 48%");
    }

    @Test
    void concurrentSavesOfTheSameVersionCreateTheArticleOnce() throws Exception {
        String guid = guid();
        Article item = article(guid, "1", T0, "Race " + guid, Language.EN);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<StoreOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return store.save(item, null);
                }));
            }
            start.countDown();
            List<StoreOutcome> results = new ArrayList<>();
            for (Future<StoreOutcome> outcome : outcomes) {
                results.add(outcome.get(30, TimeUnit.SECONDS));
            }
            assertThat(results).containsOnlyOnce(StoreOutcome.CREATED);
            assertThat(results).filteredOn(o -> o != StoreOutcome.CREATED).containsOnly(StoreOutcome.UNCHANGED);
            assertThat(articles.find(item.id()).orElseThrow().revision()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Two instances receiving the same bytes at once: one row, every capture answered, no error to quarantine. */
    @Test
    void identicalBytesCapturedAtOnceAreKeptOnceWithoutAnError() throws Exception {
        byte[] bytes = ("{\"uri\": \"" + guid() + "\"}").getBytes(StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<CapturedPayload>> captures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String file = "same-" + i + ".json";
                captures.add(pool.submit(() -> {
                    start.await();
                    return payloads.capture("test", file, bytes, T0);
                }));
            }
            start.countDown();
            Set<Long> ids = new HashSet<>();
            for (Future<CapturedPayload> capture : captures) {
                ids.add(capture.get(30, TimeUnit.SECONDS).id());
            }
            assertThat(ids).hasSize(1);
            assertThat(jdbc.sql("SELECT times_received FROM payload WHERE id = ?")
                            .param(ids.iterator().next())
                            .query(Integer.class)
                            .single())
                    .isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Two instances releasing the same lapsed embargo at once: partners get one RELEASE entry. */
    @Test
    void anEmbargoReleasedByManyAtOnceIsLoggedOnce() throws Exception {
        String guid = guid();
        Instant lapse = Instant.now().plusSeconds(3600);
        Article embargoed = ArticleBuilder.from(article(guid, "1", T0, "Embargoed " + guid, Language.EN))
                .embargoUntil(lapse)
                .build();
        store.save(embargoed, null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> releases = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                releases.add(pool.submit(() -> {
                    start.await();
                    return changes.releaseLapsedEmbargoes(lapse.plusSeconds(1));
                }));
            }
            start.countDown();
            for (Future<Integer> release : releases) {
                release.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT audience FROM article_change WHERE article_id = ? ORDER BY seq")
                        .param(embargoed.id().value())
                        .query(String.class)
                        .list())
                .containsExactly("PREVIEW", "RELEASE");
    }

    @Test
    void killedVersionTakesTheArticleOutOfTheFeed() {
        String guid = guid();
        Article live = article(guid, "1", T0, "Live " + guid, Language.ES);
        store.save(live, null);
        Instant now = T0.plusSeconds(7200);
        assertThat(articles.findPublished(Language.ES, now, 500, 0)).anyMatch(a -> a.id().equals(live.id()));
        Article killed =
                withStatus(article(guid, "2", T0.plusSeconds(60), "Live " + guid, Language.ES), Status.CANCELED);
        assertThat(store.save(killed, null)).isEqualTo(StoreOutcome.UPDATED);
        assertThat(articles.findPublished(Language.ES, now, 500, 0)).noneMatch(a -> a.id().equals(live.id()));
        assertThat(articles.find(live.id()).orElseThrow().status()).isEqualTo(Status.CANCELED);
    }

    @Test
    void embargoedAndWithheldArticlesStayOutOfFeedsUntilVisible() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        String embargoed = guid();
        Article e =
                withEmbargo(article(embargoed, "1", T0, "Embargoed " + embargoed, Language.EN), now.plusSeconds(600));
        store.save(e, null);
        assertThat(articles.findPublished(Language.EN, now, 500, 0)).noneMatch(a -> a.id().equals(e.id()));
        assertThat(articles.findPublished(Language.EN, now.plusSeconds(600), 500, 0))
                .anyMatch(a -> a.id().equals(e.id()));
        assertThat(articles.nextEmbargoLapse(Language.EN, now)).hasValue(now.plusSeconds(600));
    }

    /**
     * The change log's sequence is commit order: a reader polling while eight writers store 40
     * articles only ever sees the next numbers, never a gap that a slower commit fills later.
     */
    @Test
    void changeLogSequenceIsGaplessInCommitOrderUnderConcurrentSaves() throws Exception {
        ArticleScope everything = new ArticleScope(null, null, null, null, null, true);
        long start = changes.head();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<StoreOutcome>> saves = new ArrayList<>();
        Set<ArticleId> stored = new HashSet<>();
        try {
            for (int i = 0; i < 40; i++) {
                Article item = article(guid(), "1", T0, "Sequence " + i, Language.EN);
                stored.add(item.id());
                saves.add(pool.submit(() -> store.save(item, null)));
            }
            List<ChangeLog.Entry> seen = new ArrayList<>();
            long last = start;
            while (seen.size() < 40) {
                List<ChangeLog.Entry> page = changes.after(last, null, everything, 7);
                for (ChangeLog.Entry entry : page) {
                    assertThat(entry.seq())
                            .as("no gap a later commit could fill")
                            .isEqualTo(last + 1);
                    last = entry.seq();
                    seen.add(entry);
                }
            }
            for (Future<StoreOutcome> save : saves) {
                assertThat(save.get(30, TimeUnit.SECONDS)).isEqualTo(StoreOutcome.CREATED);
            }
            assertThat(seen).extracting(e -> e.article().id()).containsExactlyInAnyOrderElementsOf(stored);
            assertThat(changes.head()).isEqualTo(start + 40);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void embargoedVersionIsLoggedForPreviewAndReleasedOnceWhenItLapses() {
        Instant lapse = Instant.parse("2031-06-01T00:00:00Z");
        Article e = withEmbargo(article(guid(), "1", T0, "Embargoed", Language.EN), lapse);
        long start = changes.head();
        store.save(e, null);
        ArticleScope preview = new ArticleScope(null, null, null, null, Set.of("test"), true);
        ArticleScope standard = new ArticleScope(null, null, null, null, Set.of("test"), false);
        assertThat(changes.after(start, null, preview, 10))
                .extracting(x -> x.article().id())
                .containsExactly(e.id());
        assertThat(changes.after(start, null, standard, 10)).isEmpty();

        changes.releaseLapsedEmbargoes(lapse.minusSeconds(1));
        assertThat(changes.after(start, null, standard, 10)).isEmpty();
        assertThat(changes.releaseLapsedEmbargoes(lapse, lapse.plusSeconds(60)))
                .as("a sweep that looks only after the lapse does not see it")
                .isZero();
        assertThat(changes.releaseLapsedEmbargoes(lapse.minusSeconds(1), lapse)).isPositive();
        assertThat(changes.after(start, null, standard, 10))
                .extracting(x -> x.article().id())
                .containsExactly(e.id());
        assertThat(changes.after(start, null, preview, 10)).hasSize(1);
        long afterRelease = changes.head();
        changes.releaseLapsedEmbargoes(lapse.plusSeconds(60));
        assertThat(changes.head()).as("released once").isEqualTo(afterRelease);

        // A newer version supersedes both entries; pruning drops them and the reader still gets the newest once.
        Article v2 =
                withEmbargo(article(e.wire().guid(), "2", T0.plusSeconds(60), "Embargoed, updated", Language.EN), null);
        store.save(v2, null);
        assertThat(changes.pruneSuperseded()).isGreaterThanOrEqualTo(2);
        assertThat(changes.after(start, null, standard, 10))
                .extracting(x -> x.article().revision())
                .containsExactly(2);
        assertThat(changes.after(start, null, preview, 10))
                .extracting(x -> x.article().revision())
                .containsExactly(2);
    }

    @Test
    void capturedPayloadIsKeptByteForByteOncePerSha256() {
        byte[] bytes = ("{\"uri\":\"" + guid() + "\",\"headline\":\"ñ ع\"}").getBytes(StandardCharsets.UTF_8);
        CapturedPayload first = payloads.capture("test", "a.json", bytes, T0);
        CapturedPayload again = payloads.capture("test", "a-again.json", bytes, T0.plusSeconds(5));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.sha256()).isEqualTo(Sha256.hex(bytes));
        assertThat(payloads.content(first.id()))
                .hasValueSatisfying(c -> assertThat(c).isEqualTo(bytes));
        assertThat(again.alreadyProcessed()).isFalse();
        payloads.markProcessed(first.id(), "ninjs");
        assertThat(payloads.capture("test", "a.json", bytes, T0.plusSeconds(9)).alreadyProcessed())
                .isTrue();
    }

    @Test
    void opsFiguresCountPerSourceAndHourAndDiscardedRejectionsDropOut() {
        store.save(article(guid(), "1", T0, "Ops figures", Language.EN), null);
        Instant now = Instant.now();
        long[] perHour = ops.storedPerHour(now, 24).get("test");
        assertThat(perHour).hasSize(24);
        assertThat(perHour[22] + perHour[23]).isPositive();
        assertThat(ops.storedPerHour(now.plus(Duration.ofHours(30)), 24)).doesNotContainKey("test");
        assertThat(ops.articlesBySource().get("test")).isPositive();
        assertThat(ops.lastStoredBySource().get("test")).isBetween(now.minusSeconds(60), now);

        String source = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        rejections.record(source, "inbox/" + source + "/a.json", null, null, "first", T0);
        rejections.record(source, "inbox/" + source + "/b.json", null, null, "second", T0.plusSeconds(1));
        assertThat(ops.lastRejectionBySource().get(source)).isEqualTo("second");
        assertThat(ops.rejectionsBySource().get(source)).isEqualTo(2);
        long second = rejections.recent(1000).stream()
                .filter(r -> r.source().equals(source) && r.reason().equals("second"))
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(rejections.discard(second, now)).isTrue();
        assertThat(rejections.discard(second, now)).isFalse();
        assertThat(rejections.recent(1000)).noneMatch(r -> r.id() == second);
        assertThat(rejections.find(second)).isPresent();
        assertThat(ops.lastRejectionBySource().get(source)).isEqualTo("first");
        assertThat(ops.rejectionsBySource().get(source)).isEqualTo(1);
    }

    private static String guid() {
        return "urn:test:" + UUID.randomUUID();
    }

    static Article article(String guid, String version, Instant updated, String headline, Language language) {
        return anArticle()
                .wire("test", guid)
                .agencyVersion(version)
                .language(language)
                .headline(headline)
                .standfirst("Standfirst")
                .bodyHtml("<p>Body</p>")
                .byline("Staff")
                .agency("Demo Wire")
                .creditLine("Demo Wire")
                .dateline("BAMAKO")
                .firstPublished(T0)
                .updated(updated)
                .section(Section.POLITICS)
                .regions(Region.AFRICA)
                .tags("Mali", "Sahel")
                .images(new Image("https://images.example.org/a.jpg", "Caption", "Credit", "image/jpeg", 1200, 800))
                .urgency(3)
                .editionGroup("group-1")
                .slug("headline")
                .build();
    }

    private static Article withStatus(Article a, Status status) {
        return ArticleBuilder.from(a).status(status).build();
    }

    private static Article withEmbargo(Article a, Instant until) {
        return ArticleBuilder.from(a).embargoUntil(until).build();
    }
}

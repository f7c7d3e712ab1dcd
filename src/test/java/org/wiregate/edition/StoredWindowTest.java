package org.wiregate.edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.support.ArticleBuilder.anArticle;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.article.Status;
import org.wiregate.store.ArticleStore;
import org.wiregate.store.EditionRepository;
import org.wiregate.support.ArticleBuilder;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.TestDirectories;

/**
 * The live linking window against a real store: it reads what was stored before it was first
 * used, picks up what another instance stores, revises and kills, reads further back for late copy,
 * and lets go of what the newest arrival left two windows behind. Articles go in through the
 * store, as another instance's would, never through the window itself; every test works in its own
 * stretch of time, days away from the others'. A window also holds what was published after its
 * start, so tests whose articles are counted live in 2020, before everyone else's.
 */
@SpringBootTest
class StoredWindowTest {

    private static final Duration WINDOW = Duration.ofHours(24);
    /** Every change is looked for at once, so no test has to wait a second for it. */
    private static final StoredWindow.Upkeep EAGER = new StoredWindow.Upkeep(Duration.ZERO, Duration.ofDays(1));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(
                registry,
                "stored-window",
                TestDirectories.create("stored-window").resolve("inbox"));
    }

    @Autowired
    ArticleStore store;

    @Autowired
    EditionRepository editions;

    @Autowired
    Clock clock;

    private final NameFolding folding = new NameFolding(NamesList.load(Path.of("mappings", "names")));

    @Test
    void firstUseReadsTheUsableArticlesOfTheArrivalsWindow() {
        Instant t = Instant.parse("2021-03-01T12:00:00Z");
        Article inside = stored(article("first-inside", Language.EN, t.minus(Duration.ofHours(2))));
        Article ahead = stored(article("first-ahead", Language.ES, t.plus(Duration.ofHours(5))));
        Article before = stored(article("first-before", Language.AR, t.minus(Duration.ofDays(3))));
        Article killed = stored(from(article("first-killed", Language.AR, t), Status.CANCELED));

        StoredWindow window = window(EAGER);
        window.readyFor(t);

        assertThat(window.holds(inside.id().value())).isTrue();
        assertThat(window.holds(ahead.id().value())).isTrue();
        assertThat(window.holds(before.id().value()))
                .as("three days before, the window is a day")
                .isFalse();
        assertThat(window.holds(killed.id().value())).as("not usable").isFalse();
    }

    @Test
    void whatAnotherInstanceStoresRevisesOrKillsIsPickedUp() {
        Instant t = Instant.parse("2021-03-10T12:00:00Z");
        StoredWindow window = window(EAGER);
        window.readyFor(t);
        Article elsewhere = stored(article("elsewhere", Language.ES, t.plus(Duration.ofMinutes(30))));

        EditionWindow index = window.readyFor(t);
        assertThat(window.holds(elsewhere.id().value())).isTrue();

        Article revised = stored(ArticleBuilder.from(elsewhere)
                .agencyVersion("2")
                .revision(2)
                .headline("Ministros de Economía aprueban el presupuesto de Beirut")
                .build());
        window.readyFor(t);
        EditionEvidence held = index.read(() -> index.candidate(elsewhere.id().value(), evidence(anEnglishArrival(t))));
        assertThat(held.names())
                .as("the revision's evidence")
                .isEqualTo(evidence(revised).names());

        stored(ArticleBuilder.from(revised)
                .agencyVersion("3")
                .revision(3)
                .status(Status.CANCELED)
                .build());
        window.readyFor(t);
        assertThat(window.holds(elsewhere.id().value()))
                .as("killed: no longer a candidate")
                .isFalse();
    }

    @Test
    void lateCopyReadsFurtherBackOnce() {
        Instant t = Instant.parse("2021-03-20T12:00:00Z");
        Article old = stored(article("late-old", Language.AR, t.minus(Duration.ofDays(4))));
        StoredWindow window = window(EAGER);
        window.readyFor(t);
        assertThat(window.holds(old.id().value())).isFalse();

        window.readyFor(t.minus(Duration.ofDays(4)).plus(Duration.ofHours(3))); // its edition, filed late

        assertThat(window.holds(old.id().value())).isTrue();
    }

    @Test
    void articlesTwoWindowsBehindTheNewestArrivalLeave() {
        Instant t = Instant.parse("2021-04-01T12:00:00Z");
        Article early = stored(article("prune-early", Language.EN, t));
        StoredWindow window = window(new StoredWindow.Upkeep(Duration.ZERO, Duration.ZERO));
        window.readyFor(t.plus(Duration.ofHours(1)));
        assertThat(window.holds(early.id().value())).isTrue();

        window.readyFor(t.plus(Duration.ofDays(3)));

        assertThat(window.holds(early.id().value())).isFalse();
        assertThat(window.size()).isZero();
    }

    @Test
    void thisInstancesArrivalsEnterAsTheyAreAdmitted() {
        Instant t = Instant.parse("2021-04-10T12:00:00Z");
        StoredWindow window = window(new StoredWindow.Upkeep(Duration.ofDays(1), Duration.ofDays(1)));
        window.readyFor(t);
        Article arrival = stored(article("admitted", Language.AR, t));
        window.readyFor(t);
        assertThat(window.holds(arrival.id().value()))
                .as("no catch-up for a day")
                .isFalse();

        window.admit(arrival);

        assertThat(window.holds(arrival.id().value())).isTrue();
    }

    @Test
    void warmingUpReadsTheWindowOfNowSoTheFirstArrivalReadsNothing() {
        Instant now = Instant.parse("2020-06-01T12:00:00Z");
        Article earlier = stored(article("warm-earlier", Language.EN, now.minus(Duration.ofHours(3))));
        Article older = stored(article("warm-older", Language.ES, now.minus(Duration.ofDays(2))));
        AtomicInteger evidenceRead = new AtomicInteger();
        StoredWindow window = new StoredWindow(
                editions,
                Clock.fixed(now, ZoneOffset.UTC),
                WINDOW,
                new StoredWindow.Upkeep(Duration.ofDays(1), Duration.ofDays(1)),
                article -> {
                    evidenceRead.incrementAndGet();
                    return evidence(article);
                });

        int held = window.warmUp();

        assertThat(held).as("what it holds, counted as the gauge counts it").isEqualTo(window.size());
        assertThat(window.holds(earlier.id().value())).isTrue();
        assertThat(window.holds(older.id().value())).as("two days back").isFalse();
        int read = evidenceRead.get();
        window.readyFor(now.plus(Duration.ofMinutes(5)));
        assertThat(evidenceRead.get())
                .as("an arrival after the warm-up finds its window held")
                .isEqualTo(read);
    }

    /** The warm-up is not an arrival: old copy that follows it is not pruned against today and read again. */
    @Test
    void oldCopyAfterTheWarmUpIsNotPrunedAgainstToday() {
        Instant now = Instant.parse("2020-07-01T12:00:00Z");
        Article old = stored(article("warm-old-copy", Language.AR, now.minus(Duration.ofDays(4))));
        AtomicInteger evidenceRead = new AtomicInteger();
        StoredWindow window = new StoredWindow(
                editions,
                Clock.fixed(now, ZoneOffset.UTC),
                WINDOW,
                new StoredWindow.Upkeep(Duration.ofDays(1), Duration.ZERO),
                article -> {
                    if (article.id().equals(old.id())) {
                        evidenceRead.incrementAndGet();
                    }
                    return evidence(article);
                });
        window.warmUp();

        Instant oldArrival = old.firstPublished().plus(Duration.ofHours(1));
        window.readyFor(oldArrival);
        window.readyFor(oldArrival);

        assertThat(window.holds(old.id().value())).isTrue();
        assertThat(evidenceRead.get()).as("read once, not once per arrival").isEqualTo(1);
    }

    /** A large read computes evidence on several threads: each article must keep its own revision. */
    @Test
    void aLargeReadHoldsEachArticleAtItsOwnRevision() {
        Instant t = Instant.parse("2020-01-10T12:00:00Z");
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Article first = stored(article("large-" + i, Language.values()[i % 3], t.minus(Duration.ofMinutes(i))));
            articles.add(
                    i % 2 == 0
                            ? first
                            : stored(ArticleBuilder.from(first)
                                    .agencyVersion("2")
                                    .revision(2)
                                    .build()));
        }
        Set<String> ours = articles.stream().map(a -> a.id().value()).collect(Collectors.toSet());
        AtomicInteger evidenceRead = new AtomicInteger();
        StoredWindow window = new StoredWindow(editions, clock, WINDOW, EAGER, article -> {
            if (ours.contains(article.id().value())) {
                evidenceRead.incrementAndGet();
            }
            return evidence(article);
        });

        window.readyFor(t);

        assertThat(articles).allMatch(a -> window.holds(a.id().value()));
        assertThat(evidenceRead.get()).isEqualTo(150);
        // The catch-up sees all 150 as just stored; held at the right revision, none is read again.
        window.readyFor(t);
        assertThat(evidenceRead.get()).as("nothing re-read").isEqualTo(150);
    }

    /** The size gauge is scraped with the metrics: it must not wait while a large window is read. */
    @Test
    void itsSizeIsAnsweredWhileTheWindowIsBeingRead() throws Exception {
        Instant t = Instant.parse("2021-04-20T12:00:00Z");
        stored(article("size-inside", Language.EN, t.minus(Duration.ofHours(1))));
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StoredWindow window = new StoredWindow(editions, clock, WINDOW, EAGER, article -> {
            reading.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return evidence(article);
        });
        Thread first = new Thread(() -> window.readyFor(t), "first arrival");
        first.start();
        try {
            assertThat(reading.await(10, TimeUnit.SECONDS)).as("the read began").isTrue();

            int size = CompletableFuture.supplyAsync(window::size).get(5, TimeUnit.SECONDS);

            assertThat(size).as("nothing is held until the read is done").isZero();
        } finally {
            release.countDown();
            first.join(10_000);
        }
        assertThat(window.size()).isEqualTo(1);
    }

    private StoredWindow window(StoredWindow.Upkeep upkeep) {
        return new StoredWindow(editions, clock, WINDOW, upkeep, this::evidence);
    }

    private EditionEvidence evidence(Article article) {
        return EditionEvidence.of(article, folding);
    }

    private Article stored(Article article) {
        store.save(article, null);
        return article;
    }

    private static Article article(String guid, Language language, Instant published) {
        return anArticle()
                .wire("stored-window", guid)
                .language(language)
                .headline("Beirut cabinet approves the 2021 budget after 13 sessions")
                .bodyHtml("<p>Lebanon's cabinet approved the budget in Beirut on Monday.</p>")
                .publishedAt(published)
                .build();
    }

    private static Article from(Article article, Status status) {
        return ArticleBuilder.from(article).status(status).build();
    }

    private static Article anEnglishArrival(Instant t) {
        return article("arrival", Language.EN, t);
    }
}

package org.wiregate.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;
import org.wiregate.article.ArticleId;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.Rejection;
import org.wiregate.store.Rejections;
import org.wiregate.support.Fixtures;

/**
 * Route configuration {@code quarantine-on-failure} (routes/errors.yaml), as the file-drop route of
 * source {@code standard} applies it: a file that fails is moved byte-identical to {@code .error/}
 * with a {@code .reason.txt} beside it and a row in the rejection ledger, the other files of the same
 * poll are stored, bad copy is not retried, and a database that is away is waited out: the file is
 * tried again until the database answers, and never quarantined for it. The whole pipeline runs; a counter placed first in the capture route
 * records each attempt at a file and fails the first attempt at one file as a restarting database would.
 */
@UseAdviceWith
class QuarantineOnFailureRouteTest extends RouteTestSupport {

    private static final String INGEST = "ingest-standard";
    private static final String FLAKY = "flaky.json";

    /** What the store throws while PostgreSQL restarts, one per attempt at the flaky file. */
    private static final List<RuntimeException> DATABASE_AWAY = List.of(
            new TransientDataAccessResourceException("the database is restarting"),
            new CannotGetJdbcConnectionException(
                    "Failed to obtain JDBC Connection",
                    new SQLTransientConnectionException("HikariPool-1 - Connection is not available")),
            new TransactionSystemException("JDBC rollback failed", new SQLException("I/O error", "08006")),
            new DataAccessResourceFailureException(
                    "PreparedStatementCallback", new SQLException("terminating connection", "57P01")),
            new CannotAcquireLockException("could not serialize access", new SQLException("conflict", "40001")));

    /** Attempts per file name, counted where the ingest route hands a file to the pipeline. */
    private static final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @Autowired
    Rejections rejections;

    @Autowired
    ArticleRepository articles;

    @BeforeEach
    void countPipelineAttempts() throws Exception {
        // ingest-standard itself stays as SourceRoutes makes it from the file-drop template; the
        // counter sits at the start of the capture stage, where a database failure would surface.
        // (Advising ingest-standard itself is no option: it exists only once Camel has started, and
        // re-added by AdviceWith under the supervising route controller it consumed no file.)
        adviseOnceThenStart(() -> AdviceWith.adviceWith(
                camel,
                "capture",
                false,
                route -> route.weaveAddFirst().process(QuarantineOnFailureRouteTest::countAttemptAndFailFlakyOnce)));
    }

    @Test
    void badFileIsQuarantinedByteIdenticalAndTheRestOfItsBatchIsStored() throws Exception {
        byte[] first = Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json");
        byte[] broken = Fixtures.bytes("/fixtures/malformed/broken.json");
        byte[] last = Fixtures.bytes("/fixtures/newsml-g2/en-lebanon-budget-v1.xml");
        NotifyBuilder batch = filesDone(INGEST).whenDone(3).create();

        // One poll, in this order (the consumer sorts by modification time): good, bad, good.
        camel.getRouteController().suspendRoute(INGEST);
        drop("a-kenya.json", first, 3);
        drop("b-broken.json", broken, 2);
        drop("c-lebanon.xml", last, 1);
        camel.getRouteController().resumeRoute(INGEST);

        assertThat(batch.matches(30, TimeUnit.SECONDS))
                .as("the three files were processed")
                .isTrue();
        Path folder = inbox.folderOf("standard");
        assertThat(folder.resolve(".error/b-broken.json")).exists().hasBinaryContent(broken);
        assertThat(folder.resolve("b-broken.json")).doesNotExist();
        String reasonFile = Files.readString(folder.resolve(".error/b-broken.json.reason.txt"), StandardCharsets.UTF_8);
        assertThat(reasonFile).contains("file: b-broken.json\n", "source: standard\n", "reason: ");

        Rejection rejection = rejections.recent(100).stream()
                .filter(r -> r.fileName().equals("inbox/standard/b-broken.json"))
                .findFirst()
                .orElseThrow();
        assertThat(rejection.source()).isEqualTo("standard");
        assertThat(rejection.itemRef()).as("the whole file").isNull();
        assertThat(reasonFile).contains("reason: " + rejection.reason() + "\n");
        assertThat(jdbc.sql("SELECT state FROM payload WHERE id = ?")
                        .param(rejection.payloadId())
                        .query(String.class)
                        .single())
                .as("the kept bytes are marked failed, for replay")
                .isEqualTo("FAILED");
        assertThat(attempts.get("b-broken.json")).as("bad copy is not retried").hasValue(1);

        assertThat(folder.resolve(".done/a-kenya.json")).hasBinaryContent(first);
        assertThat(folder.resolve(".done/c-lebanon.xml")).hasBinaryContent(last);
        assertThat(articles.find(ArticleId.of("standard", "urn:newsml:fixture.example:en-1")))
                .isPresent();
        assertThat(articles.find(ArticleId.of("standard", "urn:newsml:fixture.example:20261124:lebanon-budget")))
                .isPresent();
    }

    @Test
    void databaseThatIsAwayIsWaitedOutAndNothingIsQuarantined() throws Exception {
        byte[] content = Fixtures.bytes("/fixtures/ninjs/es-ninjs1-item.json");
        NotifyBuilder done = filesDone(INGEST).whenCompleted(1).create();

        drop(FLAKY, content, 0);

        // One attempt per way a database is away, more than any fixed number of retries would allow.
        assertThat(done.matches(30, TimeUnit.SECONDS))
                .as("stored once the database answered")
                .isTrue();
        assertThat(attempts.get(FLAKY)).hasValue(DATABASE_AWAY.size() + 1);
        Path folder = inbox.folderOf("standard");
        assertThat(folder.resolve(".done/" + FLAKY)).hasBinaryContent(content);
        assertThat(folder.resolve(".error/" + FLAKY)).doesNotExist();
        assertThat(rejections.recent(100)).noneMatch(r -> r.fileName().endsWith(FLAKY));
        assertThat(articles.find(ArticleId.of("standard", "urn:newsml:fixture.example:es-1")))
                .isPresent();
    }

    private static void countAttemptAndFailFlakyOnce(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        int attempt = attempts.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        if (FLAKY.equals(name) && attempt <= DATABASE_AWAY.size()) {
            throw DATABASE_AWAY.get(attempt - 1);
        }
    }

    /** Writes under a dot-name (ignored by the consumer), dates it {@code secondsAgo}, then renames it in. */
    private void drop(String name, byte[] content, int secondsAgo) throws IOException {
        Path folder = Files.createDirectories(inbox.folderOf("standard"));
        Path partial = Files.write(folder.resolve("." + name + ".part"), content);
        Files.setLastModifiedTime(partial, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
        Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}

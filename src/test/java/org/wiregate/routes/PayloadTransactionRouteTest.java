package org.wiregate.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.wiregate.article.ArticleId;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.PayloadRepository;
import org.wiregate.store.Rejection;
import org.wiregate.store.Rejections;
import org.wiregate.support.Fixtures;

/**
 * A payload is taken in one transaction (PayloadTransaction, routes/pipeline.yaml): when it fails
 * after its items were stored, none of them stays published from a file that sits in .error/, and
 * the quarantine still keeps its bytes and every reason, in a transaction of its own.
 */
@UseAdviceWith
class PayloadTransactionRouteTest extends RouteTestSupport {

    private static final String INGEST = "ingest-standard";
    private static final String LATE_FAILURE = "late-failure.json";

    @Autowired
    Rejections rejections;

    @Autowired
    ArticleRepository articles;

    @MockitoSpyBean
    PayloadRepository spiedPayloads;

    @BeforeEach
    void failOneFileAfterItsItemsWereStored() throws Exception {
        // Just before the payload is marked processed: its items are stored and linked by then.
        adviseOnceThenStart(() -> AdviceWith.adviceWith(
                camel,
                "parse",
                false,
                route -> route.weaveByToString(".*markProcessed.*")
                        .before()
                        .process(PayloadTransactionRouteTest::failTheLateFailure)));
    }

    @Test
    void aPayloadThatFailsAfterItsItemsWereStoredLeavesNoArticleBehind() throws Exception {
        byte[] content = Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json");
        NotifyBuilder done = filesDone(INGEST).whenDone(1).create();

        drop(LATE_FAILURE, content);

        assertThat(done.matches(30, TimeUnit.SECONDS)).isTrue();
        Path folder = inbox.folderOf("standard");
        assertThat(folder.resolve(".error/" + LATE_FAILURE)).hasBinaryContent(content);
        assertThat(articles.find(ArticleId.of("standard", "urn:newsml:fixture.example:en-1")))
                .as("stored by the failed payload's transaction, rolled back with it")
                .isEmpty();
        Rejection rejection = onlyRejectionOf(LATE_FAILURE);
        assertThat(rejection.reason()).isEqualTo("the disk is on fire");
        assertThat(rejection.payloadId())
                .as("the bytes are kept again after the rollback")
                .isNotNull();
        assertThat(payloads.content(rejection.payloadId()))
                .hasValueSatisfying(kept -> assertThat(kept).isEqualTo(content));
        assertThat(stateOf(rejection.payloadId())).isEqualTo("FAILED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payload WHERE sha256 = ?")
                        .param(sha256(content))
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @Test
    void aFileWhoseItemsWereAllRejectedKeepsEachItemsReasonInTheLedger() throws Exception {
        String french = """
                {"uri": "urn:test:fr-1", "version": "1", "language": "fr", "headline": "Un titre en français",
                 "versioncreated": "2026-11-27T10:00:00Z", "body_html": "<p>Texte</p>"}
                """;
        NotifyBuilder done = filesDone(INGEST).whenDone(1).create();

        drop("french.json", french.getBytes(StandardCharsets.UTF_8));

        assertThat(done.matches(30, TimeUnit.SECONDS)).isTrue();
        List<Rejection> recorded = rejections.recent(100).stream()
                .filter(r -> r.fileName().equals("inbox/standard/french.json"))
                .toList();
        assertThat(recorded)
                .as("the item's row, which the payload's rollback took away, and the file's")
                .hasSize(2);
        Rejection item =
                recorded.stream().filter(r -> r.itemRef() != null).findFirst().orElseThrow();
        Rejection file =
                recorded.stream().filter(r -> r.itemRef() == null).findFirst().orElseThrow();
        assertThat(item.itemRef()).contains("urn:test:fr-1");
        assertThat(item.reason()).contains("'fr'");
        assertThat(file.reason()).contains("only item was rejected").contains(item.reason());
        assertThat(item.payloadId()).isNotNull().isEqualTo(file.payloadId());
        assertThat(stateOf(file.payloadId())).isEqualTo("FAILED");
    }

    @Test
    void aRejectionTheDatabaseCannotFinishLeavesNothingBehindAndIsRecordedOnceWhenTriedAgain() throws Exception {
        // The database goes away between the ledger's rows and the failed mark of a rejected file.
        doThrow(new CannotGetJdbcConnectionException("the database went away"))
                .doCallRealMethod()
                .when(spiedPayloads)
                .markFailed(anyLong(), anyString());
        byte[] content = "{ this is not json".getBytes(StandardCharsets.UTF_8);
        NotifyBuilder twice = filesDone(INGEST).whenDone(2).create();

        drop("half-recorded.json", content);

        assertThat(twice.matches(30, TimeUnit.SECONDS))
                .as("left in the inbox by the first attempt, quarantined by the second")
                .isTrue();
        assertThat(inbox.folderOf("standard").resolve(".error/half-recorded.json"))
                .hasBinaryContent(content);
        Rejection rejection = onlyRejectionOf("half-recorded.json");
        assertThat(stateOf(rejection.payloadId())).isEqualTo("FAILED");
        assertThat(payloads.content(rejection.payloadId()))
                .hasValueSatisfying(kept -> assertThat(kept).isEqualTo(content));
    }

    private Rejection onlyRejectionOf(String name) {
        List<Rejection> found = rejections.recent(100).stream()
                .filter(r -> r.fileName().equals("inbox/standard/" + name))
                .toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private String stateOf(long payloadId) {
        return jdbc.sql("SELECT state FROM payload WHERE id = ?")
                .param(payloadId)
                .query(String.class)
                .single();
    }

    private static void failTheLateFailure(Exchange exchange) {
        if (LATE_FAILURE.equals(exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class))) {
            throw new IllegalStateException("the disk is on fire");
        }
    }

    /** Written under a dot-name (ignored by the consumer), then renamed in. */
    private void drop(String name, byte[] content) throws IOException {
        Path folder = Files.createDirectories(inbox.folderOf("standard"));
        Path partial = Files.write(folder.resolve("." + name + ".part"), content);
        Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}

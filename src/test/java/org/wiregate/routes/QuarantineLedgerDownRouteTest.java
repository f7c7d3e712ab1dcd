package org.wiregate.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.wiregate.store.Rejection;
import org.wiregate.store.Rejections;
import org.wiregate.support.Fixtures;

/**
 * A file is moved to .error/ only together with its ledger row and its reason file: while the ledger
 * cannot be written (the database went away between the parse failure and the quarantine), the bad
 * file stays in the inbox, is tried again, and is quarantined properly once the database answers.
 */
class QuarantineLedgerDownRouteTest extends RouteTestSupport {

    @MockitoSpyBean
    Rejections rejections;

    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopWatching() {
        watcher.shutdownNow();
    }

    @Test
    void badFileWaitsInTheInboxUntilItsRejectionCanBeRecorded() throws Exception {
        doThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"))
                .doThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"))
                .doCallRealMethod()
                .when(rejections)
                .record(eq("standard"), anyString(), any(), any(), anyString(), any());
        Path folder = Files.createDirectories(inbox.folderOf("standard"));
        Path errorFolder = folder.resolve(".error");
        // Watches .error/ all along: at no moment may the original be there without its reason file.
        List<String> unexplained = new CopyOnWriteArrayList<>();
        watcher.scheduleAtFixedRate(
                () -> unexplained.addAll(unexplainedFiles(errorFolder)), 0, 5, TimeUnit.MILLISECONDS);

        byte[] broken = Fixtures.bytes("/fixtures/malformed/broken.json");
        drop(folder, "broken.json", broken);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(errorFolder.resolve("broken.json")).exists());
        verify(rejections, atLeast(3)).record(eq("standard"), anyString(), any(), any(), anyString(), any());
        assertThat(errorFolder.resolve("broken.json")).hasBinaryContent(broken);
        assertThat(errorFolder.resolve("broken.json.reason.txt")).content().contains("source: standard\n");
        assertThat(folder.resolve("broken.json")).doesNotExist();
        List<Rejection> rows = new ArrayList<>(rejections.recent(100).stream()
                .filter(r -> r.fileName().equals("inbox/standard/broken.json"))
                .toList());
        assertThat(rows)
                .as("one ledger row, written by the attempt that moved the file")
                .hasSize(1);
        assertThat(unexplained)
                .as("files seen in .error/ without a reason file")
                .isEmpty();
        doCallRealMethod().when(rejections).record(any(), any(), any(), any(), any(), any());
    }

    private static List<String> unexplainedFiles(Path errorFolder) {
        if (!Files.isDirectory(errorFolder)) {
            return List.of();
        }
        try (var files = Files.list(errorFolder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.endsWith(".reason.txt"))
                    .filter(name -> !Files.exists(errorFolder.resolve(name + ".reason.txt")))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void drop(Path folder, String name, byte[] content) throws IOException {
        Path partial = Files.write(folder.resolve("." + name + ".part"), content);
        Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}

package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.component.file.GenericFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiregate.support.MutableClock;

class BlockedQuarantineTest {

    @TempDir
    Path inbox;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final BlockedQuarantine blocked =
            new BlockedQuarantine(clock, meters, Duration.ofSeconds(5), Duration.ofSeconds(30));

    @Test
    void aFileWhoseMoveFailedIsHeldBackFromPollsLongerEachTimeUpToTheCeiling() throws Exception {
        Path file = Files.writeString(inbox.resolve("bad.xml"), "<junk");
        Path other = Files.writeString(inbox.resolve("good.xml"), "<rss/>");
        assertThat(blocked.accept(polled(file))).isTrue();

        blocked.moveFailed(file, "afp", "not a wire format", "cannot move it to .error: not a folder");
        assertThat(blocked.isHeld(file)).isTrue();
        assertThat(blocked.accept(polled(file))).isFalse();
        assertThat(blocked.accept(polled(other)))
                .as("the rest of the source goes on")
                .isTrue();
        clock.advance(Duration.ofMillis(4_999));
        assertThat(blocked.accept(polled(file))).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(blocked.accept(polled(file))).isTrue();

        // 5 s, then 10 s, 20 s, and no more than 30 s however often it fails
        long[] waits = {10, 20, 30, 30};
        for (long wait : waits) {
            blocked.moveFailed(file, "afp", "not a wire format", "still not a folder");
            clock.advance(Duration.ofSeconds(wait).minusMillis(1));
            assertThat(blocked.accept(polled(file))).as("held %d s", wait).isFalse();
            clock.advance(Duration.ofMillis(1));
            assertThat(blocked.accept(polled(file))).isTrue();
        }
        assertThat(blocked.heldPerSource())
                .containsOnlyKeys("afp")
                .extractingByKey("afp")
                .satisfies(files -> assertThat(files.get("bad.xml")).isEqualTo("still not a folder (5 attempts)"));
        assertThat(meters.get("wiregate.ingest.quarantine.blocked.files")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
    }

    @Test
    void aMoveThatSucceedsOrAFileThatLeftTheInboxIsNoLongerHeld() throws Exception {
        Path moved = Files.writeString(inbox.resolve("moved.xml"), "<junk");
        Path deleted = Files.writeString(inbox.resolve("deleted.xml"), "<junk");
        blocked.moveFailed(moved, "efe", "bad", "disk full");
        blocked.moveFailed(deleted, "efe", "bad", "disk full");
        assertThat(meters.get("wiregate.ingest.quarantine.blocked.files")
                        .gauge()
                        .value())
                .isEqualTo(2.0);

        blocked.moved(moved);
        Files.delete(deleted); // an operator took it away by hand
        assertThat(blocked.heldPerSource()).isEmpty();
        assertThat(blocked.isHeld(moved)).isFalse();
        assertThat(blocked.accept(polled(moved))).isTrue();
        assertThat(meters.get("wiregate.ingest.quarantine.blocked.files")
                        .gauge()
                        .value())
                .isZero();
    }

    private static GenericFile<Object> polled(Path file) {
        GenericFile<Object> polled = new GenericFile<>();
        polled.setAbsoluteFilePath(file.toAbsolutePath().toString());
        polled.setAbsolute(true);
        return polled;
    }
}

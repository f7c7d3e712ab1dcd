package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.wiregate.support.FeedParserClient;

/**
 * A sample of a property's outputs for python3-feedparser: every {@code every}-th render (the first
 * one included) is kept with the entry ids and titles our own parse read (Rome, Jackson), and
 * {@link #check()} parses them all in one python process at the end of the property. feedparser
 * must read each without bozo and find the same entries; JSON goes through Python's json module
 * ({@link FeedParserClient#parseAll}). A missing feedparser fails the property, as in every feed
 * test (docs/testing.md: the tests do not skip what they cannot run).
 */
final class SampledFeedparser {

    /** One output, with the entries our own parser read from it. */
    record Sample(String what, byte[] body, String contentType, List<String> ids, List<String> titles) {}

    private final int every;
    private final List<Sample> samples = new ArrayList<>();
    private int renders;
    private int checked;

    SampledFeedparser(int every) {
        this.every = every;
    }

    /** True for the renders sampled: the first, then every {@code every}-th. */
    synchronized boolean due() {
        return renders++ % every == 0;
    }

    synchronized void add(String what, byte[] body, FeedFormat format, List<String> ids, List<String> titles) {
        add(what, body, format.mediaType(), ids, titles);
    }

    synchronized void add(String what, byte[] body, String contentType, List<String> ids, List<String> titles) {
        samples.add(new Sample(what, body, contentType, List.copyOf(ids), List.copyOf(titles)));
    }

    /** How many outputs the last {@link #check()} parsed. */
    synchronized int checked() {
        return checked;
    }

    /** Parses every sample in one python process and checks it; then starts again. */
    synchronized void check() {
        if (samples.isEmpty()) {
            checked = 0;
            return;
        }
        List<Sample> taken = List.copyOf(samples);
        samples.clear();
        renders = 0;
        Path work = null;
        try {
            Files.createDirectories(Path.of("target"));
            work = Files.createTempDirectory(Path.of("target"), "feedparser-samples");
            List<JsonNode> answers = FeedParserClient.parseAll(
                    taken.stream()
                            .map(s -> new FeedParserClient.Document(s.body(), s.contentType()))
                            .toList(),
                    work);
            SoftAssertions softly = new SoftAssertions();
            for (int i = 0; i < taken.size(); i++) {
                Sample sample = taken.get(i);
                JsonNode answer = answers.get(i);
                softly.assertThat(answer.path("bozo").asBoolean())
                        .as(sample.what() + ": feedparser bozo ("
                                + answer.path("bozo_exception").asText() + ")")
                        .isFalse();
                List<String> ids = new ArrayList<>();
                List<String> titles = new ArrayList<>();
                answer.path("entries").forEach(e -> {
                    ids.add(e.path("id").asText());
                    titles.add(e.path("title").asText());
                });
                softly.assertThat(ids).as(sample.what() + ": entry ids").isEqualTo(sample.ids());
                softly.assertThat(titles).as(sample.what() + ": entry titles").isEqualTo(sample.titles());
            }
            checked = taken.size();
            softly.assertAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            delete(work);
        }
        assertThat(checked).isPositive();
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // target/ is cleaned by the build
        }
    }
}

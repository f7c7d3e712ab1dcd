package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.wiregate.support.Fixtures;

/**
 * Every XML path, RSS and Atom included, is held to the same limits before a tree is built, and
 * every payload to a time budget: a hostile file is refused in milliseconds with a reason naming
 * the format, the limit and the line, and the next file is read. Durations are asserted loosely
 * (well under a second is expected; machines are shared and noisy).
 */
class ParseLimitsTest {

    private static final Duration QUICKLY = Duration.ofSeconds(5);

    private final WireParsers parsers = new WireParsers();

    @AfterEach
    void closeParsers() {
        parsers.close();
    }

    @Test
    @Timeout(30)
    void hundredThousandNestedRssElementsAreRefusedQuicklyAndTheNextFileIsRead() {
        int depth = 100_000;
        String rss = "<rss version=\"2.0\"><channel>" + "<x>".repeat(depth) + "</x>".repeat(depth) + "</channel></rss>";

        assertRefusedQuickly(rss, "RSS document nests deeper than 256 elements (line 1)");
        assertThat(parsers.parse(Fixtures.bytes("/fixtures/rss/ar-rss-item.xml"))
                        .items())
                .singleElement()
                .extracting(WireItem::guid)
                .isEqualTo("fixture-ar-1");
    }

    @Test
    @Timeout(30)
    void hundredThousandNestedAtomElementsAreRefusedQuickly() {
        int depth = 100_000;
        String atom = "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<entry>"
                + "<content type=\"xhtml\">" + "<div>".repeat(depth) + "</div>".repeat(depth)
                + "</content></entry></feed>";

        assertRefusedQuickly(atom, "Atom document nests deeper than 256 elements (line 3)");
    }

    @Test
    @Timeout(30)
    void elementWithThousandsOfAttributesIsRefusedQuickly() {
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            attributes.append(" a").append(i).append("=\"v\"");
        }
        String rss = "<rss version=\"2.0\">\n<channel" + attributes + "><title>t</title></channel></rss>";

        assertRefusedQuickly(rss, "RSS document has an element with more than 256 attributes (line 2)");
    }

    @Test
    @Timeout(30)
    void moreThanAHundredThousandElementsAreRefusedQuickly() {
        String rss = "<rss version=\"2.0\"><channel>" + "<category>c</category>".repeat(100_000) + "</channel></rss>";

        assertRefusedQuickly(rss, "RSS document has more than 100000 elements (line 1)");
    }

    @Test
    @Timeout(30)
    void moreThanTenMillionCharactersOfTextAreRefused() {
        String nitf = "<nitf><body><body.content><p>" + "a".repeat(HardenedXml.MAX_CHARACTERS + 1)
                + "</p></body.content></body></nitf>";

        assertRefusedQuickly(nitf, "NITF document holds more than 10000000 characters of text (line 1)");
    }

    @Test
    @Timeout(30)
    void billionLaughsRssIsRefusedBeforeAnyEntityIsExpanded() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> parsers.parse(Fixtures.bytes("/fixtures/xml/billion-laughs.rss.xml")))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("RSS document carries a DOCTYPE (line 2), which feeds never need; refused"
                        + " (entity expansion and external entities are attack vectors)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
    }

    @Test
    void sameLimitsHoldForNewsMlG2() {
        String deep = "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\">" + "<x>".repeat(300)
                + "</x>".repeat(300) + "</newsItem>";

        assertRefusedQuickly(deep, "NewsML-G2 document nests deeper than 256 elements (line 1)");
    }

    @Test
    @Timeout(30)
    void parseOverItsBudgetIsCancelledAndRefusedWithTheBudgetNamed() throws Exception {
        try (WireParsers budgeted = new WireParsers(null, Duration.ofMillis(200))) {
            CountDownLatch interrupted = new CountDownLatch(1);
            long started = System.nanoTime();

            assertThatThrownBy(() -> budgeted.withinBudget(
                            () -> {
                                try { // a parse that never ends by itself: only the budget's interrupt stops it
                                    new CountDownLatch(1).await();
                                } catch (InterruptedException e) {
                                    interrupted.countDown();
                                }
                                return null;
                            },
                            new AtomicReference<>("NITF")))
                    .isInstanceOf(WireFormatException.class)
                    .hasMessage("NITF not parsed within 200 ms (gateway.ingest.parse-timeout);"
                            + " stopped so the source's other files go on");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
            assertThat(interrupted.await(5, TimeUnit.SECONDS))
                    .as("the runaway parse was interrupted")
                    .isTrue();
            assertThat(budgeted.parse(Fixtures.bytes("/fixtures/rss/ar-rss-item.xml"))
                            .items())
                    .hasSize(1);
        }
    }

    @Test
    void failureInsideTheBudgetKeepsItsOwnReason() {
        assertThatThrownBy(() -> parsers.parse("{\"headline\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("malformed JSON");
    }

    @Test
    void interruptedScanStopsAndSaysWhere() {
        String rss = "<rss version=\"2.0\"><channel>" + "<category>c</category>".repeat(5_000) + "</channel></rss>";
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> HardenedXml.scan(utf8(rss), "RSS", HardenedXml.Doctype.REFUSED))
                    .isInstanceOf(WireFormatException.class)
                    .hasMessage("RSS document: reading stopped at line 1 (the parse was cancelled)");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void budgetMustBePositiveAndIsShownAsConfigured() {
        assertThatThrownBy(() -> new WireParsers(null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gateway.ingest.parse-timeout must be positive, not PT0S");
        assertThat(WireParsers.describe(Duration.ofSeconds(5))).isEqualTo("5 s");
        assertThat(WireParsers.describe(Duration.ofMillis(1500))).isEqualTo("1500 ms");
    }

    private void assertRefusedQuickly(String xml, String reason) {
        long started = System.nanoTime();

        assertThatThrownBy(() -> parsers.parse(utf8(xml)))
                .isInstanceOf(WireFormatException.class)
                .hasMessage(reason);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

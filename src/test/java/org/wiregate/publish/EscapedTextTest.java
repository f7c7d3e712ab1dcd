package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.publish.FeedWriterFixtures.hardenedXml;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EscapedTextTest {

    /** The text read back from {@code <rights>…</rights>} with {@code escaped} set in. */
    private static String readBack(String escaped) {
        byte[] xml = ("<rights>" + escaped + "</rights>").getBytes(StandardCharsets.UTF_8);
        return hardenedXml(xml).getDocumentElement().getTextContent();
    }

    /**
     * Regression (found by ContractFeedRendersPropertyTest): a partner name with a CR was set into the
     * shared render raw, and every XML parser read the reader's rights back with a line feed instead.
     */
    @Test
    void aCarriageReturnIsWrittenAsAReferenceSoItReadsBackAsItself() {
        assertThat(EscapedText.xml("Licensed to A\rB")).isEqualTo("Licensed to A&#xD;B");
        assertThat(readBack(EscapedText.xml("A\rB\r\nC"))).isEqualTo("A\rB\r\nC");
    }

    @Test
    void markupIsEscapedAndWhatXmlForbidsIsLeftOut() {
        assertThat(readBack(EscapedText.xml("AT&T <b> \u0001\uFFFE\uD800 \t\n")))
                .isEqualTo("AT&T <b>  \t\n");
    }

    @Test
    void jsonIsTheInsideOfAStringLiteral() {
        assertThat(EscapedText.json("a \"b\" \\ \r\n\u0001")).isEqualTo("a \\\"b\\\" \\\\ \\r\\n\\u0001");
    }
}

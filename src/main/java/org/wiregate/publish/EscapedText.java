package org.wiregate.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Text set into bytes a writer already rendered (a reader's rights in a contract's shared render):
 * no writer escapes it any more, so it is escaped here the way the format needs.
 */
final class EscapedText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EscapedText() {}

    /** {@code text} as the given format's writers would have written it inside an element or string. */
    static String forFormat(FeedFormat format, String text) {
        return format == FeedFormat.JSON ? json(text) : xml(text);
    }

    /**
     * XML character data: markup escaped, characters XML 1.0 forbids dropped, and a CR as a reference,
     * as the writers' XMLOutputter writes it: written raw, a parser would read it as a line feed.
     */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\r' -> out.append("&#xD;");
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> {
                    if (c == 0x9
                            || c == 0xA
                            || c == 0xD
                            || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD)
                            || c >= 0x10000) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** The inside of a JSON string literal. */
    static String json(String text) {
        try {
            String quoted = JSON.writeValueAsString(text);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

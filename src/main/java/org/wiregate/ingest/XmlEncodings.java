package org.wiregate.ingest;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Encoding names as agencies write them in the XML declaration. Agencies write {@code utf8},
 * {@code UTF8}, {@code cp1256} or {@code latin1}; the JDK's XML readers accept only registered
 * names and refuse the whole file for it. A declared alias of a charset the JVM knows is rewritten
 * to that charset's registered name before any parser sees the bytes; the bytes themselves are
 * untouched and still have to be valid in that charset. An unknown name is left for the parser
 * to report. ISO-8859-1 in any spelling is read as windows-1252, its superset that agencies'
 * Windows systems really write.
 */
final class XmlEncodings {

    /** The XML declaration at the very start (after a UTF-8 byte order mark), read as ASCII. */
    private static final Pattern DECLARATION =
            Pattern.compile("^(<\\?xml\\s[^>]*?encoding\\s*=\\s*)([\"'])([A-Za-z0-9._:-]{1,40})\\2");

    /**
     * Names the JVM does not know but agencies use. Not "arabic": that is the IANA alias of ISO-8859-6,
     * which the JVM already resolves, and reading it as windows-1256 would garble the copy silently.
     */
    private static final Map<String, String> EXTRA = Map.of(
            "win-1256", "windows-1256",
            "win1256", "windows-1256",
            "windows1256", "windows-1256",
            "win-1252", "windows-1252",
            "windows1252", "windows-1252",
            "latin-1", "ISO-8859-1");

    private XmlEncodings() {}

    /** The payload with its declared encoding under its registered name; the same array when nothing changes. */
    static byte[] canonical(byte[] payload) {
        int bom = payload.length >= 3
                        && (payload[0] & 0xff) == 0xEF
                        && (payload[1] & 0xff) == 0xBB
                        && (payload[2] & 0xff) == 0xBF
                ? 3
                : 0;
        String head = new String(payload, bom, Math.min(payload.length - bom, 200), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARATION.matcher(head);
        if (!m.find()) {
            return payload;
        }
        String declared = m.group(3);
        String registered = registeredName(declared);
        if (registered == null || registered.equals(declared)) {
            return payload;
        }
        byte[] name = registered.getBytes(StandardCharsets.US_ASCII);
        int at = bom + m.start(3);
        int after = bom + m.end(3);
        byte[] out = new byte[payload.length - (after - at) + name.length];
        System.arraycopy(payload, 0, out, 0, at);
        System.arraycopy(name, 0, out, at, name.length);
        System.arraycopy(payload, after, out, at + name.length, payload.length - after);
        return out;
    }

    /** The registered name of the charset an encoding label names, or null when the JVM does not know it. */
    static String registeredName(String label) {
        String name = EXTRA.getOrDefault(label.toLowerCase(Locale.ROOT), label);
        try {
            String registered = Charset.forName(name).name();
            // As every browser does (WHATWG Encoding Standard): copy labelled ISO-8859-1 is windows-1252 in
            // practice, and its bytes 0x80-0x9F are curly quotes, dashes and the euro sign, not C1 controls.
            return registered.equals("ISO-8859-1") ? "windows-1252" : registered;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }
}

package org.wiregate.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * IPTC 7901 and ANPA 1312 wire text, still sent by agencies such as QNA, SANA and Prensa Latina.
 * These formats declare no character set, so the caller names it (from the source's mapping):
 * decoding Arabic windows-1256 copy as ISO-8859-1 would give Latin gibberish, not an error.
 *
 * <p>What is read, per message (a file may hold several):
 * <pre>
 * [SYN SYN] SOH header CR LF            header: service+sequence [selector] priority category [word count]
 *                                        [yyyyMMdd|yyyy-MM-dd [HH:mm|HHmm]] [subject numbers] [ANPA keyword]
 * [keyword line(s)]                      7901 only: the slugline, between header and STX
 * STX headline CR LF body ... ETX        without STX (7901), the line after the header is the headline
 * [trailer: "DDhhmm [GMT] MON YY"]       7901 transmission time; ANPA "hh:mmGMT dd-mm-yy"
 * [EOT]
 * </pre>
 * Teleprinter copy framed by "ZCZC" ... "NNNN" lines is read the same way. A time is taken only
 * when day, month, year and time are all given and in UTC (or with no zone, as WireTimes does);
 * a day and time alone leave the times null so the normaliser uses the receipt time. A message
 * without its end of text (ETX) was cut off in transfer: the whole file is refused, naming the
 * message, rather than publishing a story with its end missing.
 *
 * <p>The header line's fields are read by {@link Iptc7901Header}; this class frames the messages
 * and reads their text and trailer.
 */
final class Iptc7901Parser implements WireParser {

    private static final char SOH = 0x01;
    private static final char STX = 0x02;
    private static final char ETX = 0x03;
    private static final char EOT = 0x04;
    private static final char SYN = 0x16;

    /** The header's category letters, as subjects a mapping can list under sections ("iptc7901-category:pol"). */
    static final String CATEGORY_SCHEME = "iptc7901-category:";
    /** IPTC Subject NewsCodes, mapped by mappings/standard.yaml ("subj:" is an alias of Media Topics). */
    static final String SUBJECT_SCHEME = "subj:";

    /** Three-letter months as 7901 trailers give them, in English and Spanish. */
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("JAN", 1),
            Map.entry("ENE", 1),
            Map.entry("FEB", 2),
            Map.entry("MAR", 3),
            Map.entry("APR", 4),
            Map.entry("ABR", 4),
            Map.entry("MAY", 5),
            Map.entry("JUN", 6),
            Map.entry("JUL", 7),
            Map.entry("AUG", 8),
            Map.entry("AGO", 8),
            Map.entry("SEP", 9),
            Map.entry("OCT", 10),
            Map.entry("NOV", 11),
            Map.entry("DEC", 12),
            Map.entry("DIC", 12));

    private static final Pattern TRAILER_7901 =
            Pattern.compile("(\\d{2})(\\d{2})(\\d{2})\\s*(?:(?:GMT|UTC|Z)\\s+)?([A-Za-z]{3})\\s+(\\d{4}|\\d{2})\\b");
    private static final Pattern TRAILER_ANPA =
            Pattern.compile("(\\d{2}):(\\d{2})\\s*(?:GMT|UTC|Z)\\s+(\\d{2})-(\\d{2})-(\\d{4}|\\d{2})\\b");
    private static final Pattern ZCZC_START = Pattern.compile("(?m)^ZCZC[ \\t]*");
    private static final Pattern NNNN_END = Pattern.compile("(?m)^NNNN[ \\t]*$");

    private final Charset charset;

    /** ISO-8859-1, the character set of Latin-alphabet agencies that name none. */
    Iptc7901Parser() {
        this(StandardCharsets.ISO_8859_1);
    }

    /** @param charset the legacy character set the source sends (windows-1256 or ISO-8859-6 for Arabic) */
    Iptc7901Parser(Charset charset) {
        this.charset = Objects.requireNonNull(charset, "charset");
    }

    @Override
    public ParsedPayload parse(byte[] payload) {
        String text = new String(payload, charset).replace("\r\n", "\n").replace('\r', '\n');
        if (text.indexOf(SOH) < 0) {
            text = NNNN_END.matcher(ZCZC_START.matcher(text).replaceAll(String.valueOf(SOH)))
                    .replaceAll(String.valueOf(ETX));
        }
        List<WireItem> items = new ArrayList<>();
        int start = text.indexOf(SOH);
        if (start < 0) {
            throw new WireFormatException("IPTC 7901 without any message start (SOH or ZCZC)");
        }
        int number = 0;
        while (start >= 0) {
            int next = text.indexOf(SOH, start + 1);
            boolean anpa = start > 0 && text.charAt(start - 1) == SYN;
            String message = text.substring(start + 1, next < 0 ? text.length() : next);
            items.add(readMessage(message, anpa, ++number));
            start = next;
        }
        return new ParsedPayload(WireFormat.IPTC_7901, items);
    }

    private WireItem readMessage(String afterSoh, boolean anpa, int number) {
        int from = 0;
        while (from < afterSoh.length() && (afterSoh.charAt(from) == '\n' || afterSoh.charAt(from) == ' ')) {
            from++; // "ZCZC" alone on its line, or a blank line after SOH
        }
        String message = afterSoh.substring(from);
        int stx = message.indexOf(STX);
        int etx = message.indexOf(ETX, Math.max(stx, 0));
        List<String> heading = lines(message.substring(0, stx >= 0 ? stx : message.length()));
        String headerLine = heading.isEmpty() ? "" : heading.get(0).trim();
        Iptc7901Header header = Iptc7901Header.parse(headerLine);
        if (etx < 0) {
            throw new WireFormatException("IPTC 7901 message " + number + " (" + header.label()
                    + ") has no end of text (ETX): it was cut off in transfer, so the file is refused whole"
                    + " to be sent again");
        }

        String slugline = header.anpaKeyword();
        List<String> textLines;
        if (stx >= 0) {
            // 7901: lines between the header and STX are the keyword (catch) line
            for (String line : heading.subList(1, heading.size())) {
                if (!line.isBlank()) {
                    slugline = line.trim();
                    break;
                }
            }
            textLines = lines(message.substring(stx + 1, etx));
        } else {
            List<String> all = lines(message.substring(0, etx));
            textLines = all.subList(Math.min(1, all.size()), all.size());
        }
        if (anpa) {
            textLines = textLines.stream().map(Iptc7901Parser::withoutAnpaCodes).toList();
        }

        String headline = null;
        int bodyFrom = textLines.size();
        for (int i = 0; i < textLines.size(); i++) {
            if (!textLines.get(i).isBlank()) {
                headline = textLines.get(i).trim().replaceAll("\\s*=+$", "");
                bodyFrom = i + 1;
                break;
            }
        }
        List<String> paragraphs = paragraphs(textLines.subList(bodyFrom, textLines.size()));
        String trailer = clean(message.substring(etx + 1)); // EOT and any SYN before the next message go too

        Instant time = header.time() != null ? header.time() : trailerTime(trailer);
        LocalDate date =
                header.date() != null ? header.date() : time != null ? LocalDate.ofInstant(time, ZoneOffset.UTC) : null;

        StringBuilder html = new StringBuilder();
        for (String p : paragraphs) {
            html.append("<p>").append(Entities.escape(p)).append("</p>");
        }
        String guid = header.service() != null && date != null
                ? "iptc7901:" + header.service() + "-" + header.sequence() + ":" + date
                : "iptc7901:sha256:"
                        + sha256((headline == null ? "" : headline) + "\n" + String.join("\n", paragraphs));

        List<WireCode> codes = new ArrayList<>();
        if (header.category() != null) {
            codes.add(new WireCode(
                    WireCode.Kind.SUBJECT, CATEGORY_SCHEME, header.category().toLowerCase(Locale.ROOT), ""));
        }
        for (String subject : header.subjects()) {
            codes.add(new WireCode(WireCode.Kind.SUBJECT, SUBJECT_SCHEME, subject, ""));
        }
        return new WireItem(
                WireFormat.IPTC_7901,
                guid,
                null,
                null,
                time,
                null,
                header.urgency(),
                null,
                headline,
                null,
                html.isEmpty() ? null : html.toString(),
                null,
                null,
                null,
                null,
                null,
                Map.of(),
                codes,
                List.of(),
                List.of(),
                List.of(),
                slugline,
                null);
    }

    /** Body lines to paragraphs: a blank or indented line starts one; wrapped lines are joined. */
    private static List<String> paragraphs(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            boolean indented = !line.isEmpty() && Character.isWhitespace(line.charAt(0));
            if (line.isBlank() || indented) {
                if (!current.isEmpty()) {
                    out.add(current.toString());
                    current.setLength(0);
                }
            }
            if (!line.isBlank()) {
                if (!current.isEmpty()) {
                    current.append(' ');
                }
                current.append(line.trim().replaceAll("\\s+", " "));
            }
        }
        if (!current.isEmpty()) {
            out.add(current.toString());
        }
        return out;
    }

    /** ANPA typesetting codes: '^' opens a line in caps or bold, '<' ends it (quad left). */
    private static String withoutAnpaCodes(String line) {
        String out = line;
        if (out.stripLeading().startsWith("^")) {
            int at = out.indexOf('^');
            out = out.substring(0, at) + out.substring(at + 1);
        }
        String stripped = out.stripTrailing();
        return stripped.endsWith("<") ? stripped.substring(0, stripped.length() - 1) : out;
    }

    private static List<String> lines(String text) {
        return List.of(clean(text).split("\n", -1));
    }

    /** Drops C0 and C1 control characters (line breaks kept, tabs as spaces). */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append(c);
            } else if (c == '\t') {
                out.append(' ');
            } else if (c >= 0x20 && (c < 0x7F || c > 0x9F)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Instant trailerTime(String trailer) {
        Matcher m = TRAILER_7901.matcher(trailer);
        if (m.find()) {
            Integer month = MONTHS.get(m.group(4).toUpperCase(Locale.ROOT));
            return month == null
                    ? null
                    : utc(
                            year(m.group(5)),
                            month,
                            Integer.parseInt(m.group(1)),
                            Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)));
        }
        m = TRAILER_ANPA.matcher(trailer);
        if (m.find()) {
            return utc(
                    year(m.group(5)),
                    Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)));
        }
        return null;
    }

    private static int year(String digits) {
        int y = Integer.parseInt(digits);
        return digits.length() == 2 ? 2000 + y : y;
    }

    private static Instant utc(int year, int month, int day, int hour, int minute) {
        try {
            return LocalDateTime.of(year, month, day, hour, minute).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // an impossible date is no date; the normaliser uses the receipt time
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}

package org.wiregate.normalise;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * URLs any output can carry: absolute http(s), parsed by {@link URI}, with spaces and non-ASCII
 * characters percent-encoded (an agency's {@code a b.jpg} becomes {@code a%20b.jpg}) and an
 * international host name in its ASCII form. Anything else (relative, {@code javascript:},
 * {@code data:}, unparseable) is dropped: a feed has no base to resolve against.
 */
public final class UrlRepair {

    /** Longer URLs are refused by sitemaps and many readers. */
    static final int MAX_LENGTH = 2048;

    private static final Pattern ABSOLUTE = Pattern.compile("(?s)([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)(.*)");
    /** Characters a URI may carry as they are after the authority ('%' only before two hex digits). */
    private static final String ALLOWED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?";

    private UrlRepair() {}

    /** The URL repaired, or empty when it cannot be an absolute http(s) URL; what was done goes to {@code repairs}. */
    public static Optional<String> repair(String url, Consumer<Repair> repairs) {
        Optional<String> repaired = parse(url == null ? "" : url.strip());
        if (repaired.isEmpty()) {
            repairs.accept(Repair.URL_DROPPED);
        } else if (!repaired.get().equals(url)) {
            repairs.accept(Repair.URL_ENCODED);
        }
        return repaired;
    }

    /** The URL repaired, or empty, without saying what was done (the writers' last line of defence). */
    public static Optional<String> repair(String url) {
        return repair(url, kind -> {});
    }

    private static Optional<String> parse(String url) {
        Matcher m = ABSOLUTE.matcher(url);
        if (!m.matches()) {
            return Optional.empty();
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        try {
            String authority = asciiAuthority(m.group(2));
            URI uri = new URI(scheme + "://" + authority + encode(m.group(3)));
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return Optional.empty();
            }
            String ascii = uri.toASCIIString();
            return ascii.length() > MAX_LENGTH ? Optional.empty() : Optional.of(ascii);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty(); // IDN refuses the host, or URI the authority
        }
    }

    /** The host of an international name in its ASCII (punycode) form; user info and port as they are. */
    private static String asciiAuthority(String authority) {
        if (authority.chars().allMatch(c -> c < 0x80)) {
            return authority;
        }
        int at = authority.lastIndexOf('@');
        int colon = authority.indexOf(':', at + 1);
        String host = authority.substring(at + 1, colon < 0 ? authority.length() : colon);
        return authority.substring(0, at + 1)
                + IDN.toASCII(host, IDN.ALLOW_UNASSIGNED)
                + (colon < 0 ? "" : authority.substring(colon));
    }

    /** Path, query and fragment with every character a URI may not carry percent-encoded as UTF-8. */
    private static String encode(String rest) {
        StringBuilder out = new StringBuilder(rest.length() + 16);
        boolean fragment = false;
        byte[] bytes = rest.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '#' && !fragment) {
                fragment = true; // the first '#' starts the fragment; any later one is data
                out.append('#');
            } else if (b < 0x80 && ALLOWED.indexOf(b) >= 0) {
                out.append((char) b);
            } else if (b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                out.append('%'); // already encoded: kept, not encoded twice
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)));
                out.append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }
}

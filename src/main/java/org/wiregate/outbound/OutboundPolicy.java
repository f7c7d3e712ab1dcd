package org.wiregate.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which URLs the gateway calls on someone else's behalf (webhook endpoints, WebSub callbacks):
 * absolute http(s) with a host, no user info or fragment, and (unless private addresses are allowed)
 * a host whose every address is a public internet address ({@link AddressRanges}), so a partner or
 * subscriber cannot turn the gateway into a probe of the networks behind it (SSRF).
 *
 * <p>Every refusal gets the same answer, whatever the cause (bad syntax, a private address, a name
 * that does not resolve), so the answer is no oracle for internal DNS; the cause goes to the log.
 * {@link #check} is for registration; the connection itself goes through {@link #addresses}, the
 * resolver of {@link OutboundHttp}'s client, which resolves once and connects only to an address
 * that passed, so a DNS answer that changes between check and connect (rebinding) gains nothing.
 */
public final class OutboundPolicy {

    public static final int MAX_LENGTH = 2048;

    private static final Logger log = LoggerFactory.getLogger(OutboundPolicy.class);

    private final boolean allowPrivate;
    private final HostResolver resolver;
    private final String answer;
    private final String connectAnswer;

    /**
     * @param field        what the URL is called in answers ({@code hub.callback}, {@code url})
     * @param allowPrivate accept every address (tests, closed networks); names must still resolve
     * @param resolver     DNS; {@link HostResolver#SYSTEM} outside tests
     */
    public OutboundPolicy(String field, boolean allowPrivate, HostResolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
        this.answer = field + " refused: it must be an absolute http or https URL without user info or fragment,"
                + " no longer than " + MAX_LENGTH + " characters, whose host resolves to public internet addresses"
                + " only";
        this.connectAnswer = "the host did not resolve to public internet addresses only; nothing was sent";
    }

    /** The one answer every refused URL gets. */
    public String answer() {
        return answer;
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /**
     * The URL as a URI after the syntax checks and a resolution of its host with every address
     * checked (registration, subscription).
     *
     * @throws RefusedUrlException with {@link #answer()} as its message
     */
    public URI check(String url) {
        URI uri = parse(url);
        try {
            addresses(uri.getHost());
        } catch (RefusedAddressException e) {
            throw refused(url, e.reason());
        }
        return uri;
    }

    /**
     * The URL as a URI after the syntax checks only; its addresses are checked when connecting.
     *
     * @throws RefusedUrlException with {@link #answer()} as its message
     */
    public URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw refused(url, "missing");
        }
        if (url.length() > MAX_LENGTH) {
            throw refused(url.substring(0, 100) + "…", "longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused(url, "not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw refused(url, "not an absolute http or https URL with a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw refused(url, "carries user info or a fragment");
        }
        return uri;
    }

    /**
     * Resolves a host once and checks every address: all of them, when all are allowed.
     *
     * @throws RefusedAddressException when the host does not resolve or any address is refused
     *     (one message for both)
     */
    public InetAddress[] addresses(String host) throws RefusedAddressException {
        String bare = host != null && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1)
                : host;
        InetAddress[] addresses;
        try {
            addresses = bare == null || bare.isEmpty() ? null : resolver.resolve(bare);
        } catch (UnknownHostException e) {
            addresses = null;
        }
        if (addresses == null || addresses.length == 0) {
            throw new RefusedAddressException(connectAnswer, "host '" + printable(host) + "' does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                Optional<String> refusal = AddressRanges.refusal(address);
                if (refusal.isPresent()) {
                    throw new RefusedAddressException(
                            connectAnswer,
                            "host '" + printable(host) + "' resolves to " + address.getHostAddress() + " ("
                                    + refusal.get() + ")");
                }
            }
        }
        return addresses.clone();
    }

    private RefusedUrlException refused(String url, String reason) {
        log.info("Outbound URL {} refused: {}", printable(url), reason);
        return new RefusedUrlException(answer, reason);
    }

    /** Control characters out, so a refused URL cannot forge log lines. */
    static String printable(String s) {
        return s == null ? "(none)" : s.replaceAll("\\p{Cntrl}", "?");
    }
}

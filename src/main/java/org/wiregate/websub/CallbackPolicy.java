package org.wiregate.websub;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which callback URLs the hub will call: absolute http(s) with a host, no user info or fragment,
 * and (unless allowed) no address on this machine or a private network, so a subscription cannot
 * turn the hub into a probe of the networks behind it (SSRF). Checked on subscription and again
 * before every request, since DNS answers change.
 */
public final class CallbackPolicy {

    static final int MAX_LENGTH = 2048;

    private final boolean allowPrivate;

    public CallbackPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** The callback as a URI, or an exception whose message says why it is refused. */
    public URI check(String callback) {
        if (callback == null || callback.isBlank()) {
            throw new IllegalArgumentException("hub.callback is required");
        }
        if (callback.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("hub.callback is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(callback);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("hub.callback is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("hub.callback must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("hub.callback must not carry user info or a fragment");
        }
        if (!allowPrivate) {
            refusePrivate(uri.getHost());
        }
        return uri;
    }

    private static void refusePrivate(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("hub.callback host '" + host + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                throw new IllegalArgumentException("hub.callback host '" + host + "' is on a private or local network");
            }
        }
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // fc00::/7 unique local
            }
            boolean mapped = true; // ::ffff:a.b.c.d
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPrivate(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException impossible) {
                    return true;
                }
            }
            return false;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 // "this network"
                || (first == 100 && second >= 64 && second <= 127) // 100.64/10 carrier-grade NAT
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0/24 protocol assignments
                || (first == 198 && (second == 18 || second == 19)) // 198.18/15 benchmarking
                || first >= 240; // reserved, broadcast
    }
}

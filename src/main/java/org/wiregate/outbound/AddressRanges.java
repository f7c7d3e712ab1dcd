package org.wiregate.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses the gateway refuses to call on a partner's or subscriber's behalf: everything
 * that is not a public internet address. IPv4 by a deny list (the IANA special-purpose registry);
 * IPv6 by an allow list (global unicast 2000::/3) minus its special ranges, so a prefix nobody
 * thought of is refused rather than let through. IPv6 forms that carry an IPv4 address (IPv4-mapped
 * {@code ::ffff:0:0/96} and the NAT64 well-known prefix {@code 64:ff9b::/96}, which DNS64 networks
 * use for every IPv4-only host) are judged by the IPv4 address inside; the tunnelling and
 * deprecated forms (IPv4-compatible {@code ::/96}, 6to4 {@code 2002::/16}, Teredo
 * {@code 2001::/32}, local-use NAT64 {@code 64:ff9b:1::/48}) are refused whatever they wrap.
 */
public final class AddressRanges {

    /** A CIDR block and what it is, for the log. */
    record Range(byte[] network, int prefix, String name) {

        static Range of(String cidr, String name) {
            int slash = cidr.indexOf('/');
            try {
                byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
                int prefix = Integer.parseInt(cidr.substring(slash + 1));
                if (cidr.indexOf(':') >= 0 && network.length == 4) {
                    network = mapped(network); // "::ffff:0:0" parses as IPv4; keep it IPv6
                }
                return new Range(network, prefix, name + " " + cidr);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    /** IPv4 blocks that are not the public internet (RFC 6890 and successors). */
    static final List<Range> REFUSED_V4 = List.of(
            Range.of("0.0.0.0/8", "\"this network\""),
            Range.of("10.0.0.0/8", "private"),
            Range.of("100.64.0.0/10", "carrier-grade NAT"),
            Range.of("127.0.0.0/8", "loopback"),
            Range.of("169.254.0.0/16", "link-local (cloud metadata)"),
            Range.of("172.16.0.0/12", "private"),
            Range.of("192.0.0.0/24", "IETF protocol assignments"),
            Range.of("192.0.2.0/24", "documentation"),
            Range.of("192.88.99.0/24", "6to4 relay anycast"),
            Range.of("192.168.0.0/16", "private"),
            Range.of("198.18.0.0/15", "benchmarking"),
            Range.of("198.51.100.0/24", "documentation"),
            Range.of("203.0.113.0/24", "documentation"),
            Range.of("224.0.0.0/4", "multicast"),
            Range.of("240.0.0.0/4", "reserved and broadcast"));

    /** IPv6 forms judged by the IPv4 address in their last 32 bits. */
    static final List<Range> EMBEDDING_V4 =
            List.of(Range.of("::ffff:0:0/96", "IPv4-mapped"), Range.of("64:ff9b::/96", "NAT64"));

    /** IPv6 blocks refused by name (first match wins; more specific first). */
    static final List<Range> REFUSED_V6 = List.of(
            Range.of("::/128", "unspecified"),
            Range.of("::1/128", "loopback"),
            Range.of("::/96", "IPv4-compatible (deprecated)"),
            Range.of("64:ff9b:1::/48", "local-use NAT64"),
            Range.of("100::/64", "discard-only"),
            Range.of("2001::/32", "Teredo"),
            Range.of("2001::/23", "IETF protocol assignments"),
            Range.of("2001:db8::/32", "documentation"),
            Range.of("2002::/16", "6to4"),
            Range.of("3fff::/20", "documentation"),
            Range.of("fc00::/7", "unique local"),
            Range.of("fe80::/10", "link-local"),
            Range.of("fec0::/10", "site-local (deprecated)"),
            Range.of("ff00::/8", "multicast"));

    /** The only IPv6 addresses on the public internet. */
    static final Range GLOBAL_UNICAST_V6 = Range.of("2000::/3", "global unicast");

    private AddressRanges() {}

    /** Why an address is not a public internet address, or empty when it is one. */
    public static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return named(REFUSED_V4, bytes);
        }
        if (!(address instanceof Inet6Address) || bytes.length != 16) {
            return Optional.of("not an IP address");
        }
        for (Range embedding : EMBEDDING_V4) {
            if (embedding.contains(bytes)) {
                return named(REFUSED_V4, Arrays.copyOfRange(bytes, 12, 16))
                        .map(inner -> embedding.name() + " of " + inner);
            }
        }
        Optional<String> named = named(REFUSED_V6, bytes);
        if (named.isPresent()) {
            return named;
        }
        return GLOBAL_UNICAST_V6.contains(bytes)
                ? Optional.empty()
                : Optional.of("outside " + GLOBAL_UNICAST_V6.name());
    }

    private static Optional<String> named(List<Range> ranges, byte[] bytes) {
        return ranges.stream().filter(r -> r.contains(bytes)).map(Range::name).findFirst();
    }

    private static byte[] mapped(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }
}

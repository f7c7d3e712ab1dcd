package org.wiregate.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the gateway will not call, address by address: every special-purpose range refused with
 * its name, the IPv6 forms that wrap an IPv4 address judged by it, and public addresses let
 * through. IPv6 literals are built as {@link Inet6Address} so Java's own conversion of
 * {@code ::ffff:a.b.c.d} to IPv4 does not hide the IPv6 path.
 */
class AddressRangesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // address            | refused as (empty: public)
                "0.0.0.0              | this network",
                "0.1.2.3              | this network",
                "10.1.2.3             | private 10.0.0.0/8",
                "100.64.0.1           | carrier-grade NAT",
                "100.127.255.254      | carrier-grade NAT",
                "127.0.0.1            | loopback 127.0.0.0/8",
                "127.255.255.255      | loopback 127.0.0.0/8",
                "169.254.169.254      | link-local",
                "172.16.0.1           | private 172.16.0.0/12",
                "172.31.255.255       | private 172.16.0.0/12",
                "192.0.0.170          | IETF protocol assignments",
                "192.0.2.1            | documentation",
                "192.88.99.1          | 6to4 relay anycast",
                "192.168.1.1          | private 192.168.0.0/16",
                "198.18.0.1           | benchmarking",
                "198.19.255.255       | benchmarking",
                "198.51.100.7         | documentation",
                "203.0.113.9          | documentation",
                "224.0.0.1            | multicast",
                "239.255.255.250      | multicast",
                "240.0.0.1            | reserved",
                "255.255.255.255      | reserved",
                "::                   | unspecified",
                "::1                  | loopback ::1/128",
                "::127.0.0.1          | IPv4-compatible",
                "::8.8.8.8            | IPv4-compatible",
                "::ffff:127.0.0.1     | IPv4-mapped ::ffff:0:0/96 of loopback",
                "::ffff:10.0.0.1      | IPv4-mapped ::ffff:0:0/96 of private",
                "::ffff:169.254.169.254 | IPv4-mapped ::ffff:0:0/96 of link-local",
                "64:ff9b::a9fe:a9fe   | NAT64 64:ff9b::/96 of link-local",
                "64:ff9b::7f00:1      | NAT64 64:ff9b::/96 of loopback",
                "64:ff9b::a00:1       | NAT64 64:ff9b::/96 of private",
                "64:ff9b:1::808:808   | local-use NAT64",
                "100::1               | discard-only",
                "2001:0:4136:e378:8000:63bf:3fff:fdd2 | Teredo",
                "2001:2::1            | IETF protocol assignments",
                "2001:db8::1          | documentation 2001:db8::/32",
                "2002:7f00:1::1       | 6to4",
                "2002:808:808::1      | 6to4",
                "3fff::1              | documentation 3fff::/20",
                "fc00::1              | unique local",
                "fd12:3456::1         | unique local",
                "fe80::1              | link-local fe80::/10",
                "fec0::1              | site-local",
                "ff02::1              | multicast",
                "ff0e::1              | multicast",
                "4000::1              | outside global unicast",
                "8.8.8.8              |",
                "93.184.215.14        |",
                "100.63.255.255       |",
                "100.128.0.1          |",
                "172.32.0.1           |",
                "198.20.0.1           |",
                "223.255.255.255      |",
                "::ffff:8.8.8.8       |",
                "64:ff9b::808:808     |",
                "2001:4860:4860::8888 |",
                "2a00:1450:4001:80b::200e |",
            })
    void everyAddressIsJudgedByItsRange(String literal, String refusedAs) throws Exception {
        InetAddress address = literal.contains(":")
                ? Inet6Address.getByAddress(null, sixteenBytes(literal), null)
                : InetAddress.getByName(literal);
        if (refusedAs == null) {
            assertThat(AddressRanges.refusal(address)).as(literal).isEmpty();
        } else {
            assertThat(AddressRanges.refusal(address))
                    .as(literal)
                    .hasValueSatisfying(reason -> assertThat(reason).contains(refusedAs));
        }
    }

    /** {@code ::ffff:a.b.c.d} parses to 4 bytes; give it its 16. */
    private static byte[] sixteenBytes(String literal) throws Exception {
        byte[] bytes = InetAddress.getByName(literal).getAddress();
        if (bytes.length == 16) {
            return bytes;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        return mapped;
    }
}

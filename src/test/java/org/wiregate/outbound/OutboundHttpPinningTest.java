package org.wiregate.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbound client connects only to an address that passed the policy, resolving once per
 * connection: a DNS answer that changes between the check and the connection (rebinding) reaches
 * nothing; every refused URL gets the same answer; redirects are not followed. WireMock on
 * loopback stands in for receivers; the resolvers are the tests' own, so nothing leaves the machine.
 */
public class OutboundHttpPinningTest {

    private static final WireMockServer wire = start();
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        return server;
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    @BeforeEach
    void reset() {
        wire.resetAll();
        wire.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    /**
     * DNS rebinding: "localhost" is public when the policy checks it and 127.0.0.1 when a connection
     * is being opened (a lookup from inside HttpClient's connection code), as a hostile DNS server
     * with a zero TTL would answer. The system resolver, which a client that resolves the name
     * again would use, says 127.0.0.1 too.
     */
    public static final class Rebinding implements HostResolver {
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            if (!host.equals("localhost")) {
                return SYSTEM.resolve(host);
            }
            lookups.incrementAndGet();
            return new InetAddress[] {InetAddress.getByName(connecting() ? "127.0.0.1" : "93.184.215.14")};
        }

        public static boolean connecting() {
            return StackWalker.getInstance()
                    .walk(frames -> frames.anyMatch(f -> f.getClassName().startsWith("org.apache.hc.")));
        }
    }

    @Test
    void aNameThatRebindsToLoopbackAfterTheCheckReachesNothing() throws Exception {
        Rebinding dns = new Rebinding();
        OutboundPolicy policy = new OutboundPolicy("url", false, dns);
        URI checked = policy.check("http://localhost:" + wire.port() + "/hooks");
        assertThat(dns.lookups).hasValue(1);

        try (CloseableHttpClient client = OutboundHttp.client(policy, TIMEOUT, TIMEOUT, 2)) {
            assertThatThrownBy(() -> OutboundHttp.exchange(client, new HttpPost(checked), 0))
                    .isInstanceOf(RefusedAddressException.class)
                    .hasMessage("the host did not resolve to public internet addresses only; nothing was sent")
                    .satisfies(e -> assertThat(((RefusedAddressException) e).reason())
                            .contains("127.0.0.1")
                            .contains("loopback"));
        }
        assertThat(dns.lookups)
                .as("one lookup for the check, one for the connection")
                .hasValue(2);
        assertThat(wire.getAllServeEvents())
                .as("the loopback receiver was never reached")
                .isEmpty();
    }

    @Test
    void theConnectionGoesToTheAddressTheResolverAnsweredAndCarriesTheName() throws Exception {
        List<String> asked = new ArrayList<>();
        HostResolver dns = host -> {
            asked.add(host);
            return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        };
        OutboundPolicy policy = new OutboundPolicy("url", true, dns);
        try (CloseableHttpClient client = OutboundHttp.client(policy, TIMEOUT, TIMEOUT, 2)) {
            OutboundHttp.Answer answer =
                    OutboundHttp.exchange(client, new HttpGet("http://hooks.partner.test:" + wire.port() + "/x"), 10);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(new String(answer.head())).isEqualTo("ok");
        }
        assertThat(asked).containsExactly("hooks.partner.test");
        assertThat(wire.getAllServeEvents())
                .singleElement()
                .satisfies(e ->
                        assertThat(e.getRequest().getHeader("Host")).isEqualTo("hooks.partner.test:" + wire.port()));
    }

    @Test
    void privateAddressesAreReachableWhenAllowedForTestsAndClosedNetworks() throws Exception {
        OutboundPolicy policy = new OutboundPolicy("url", true, HostResolver.SYSTEM);
        assertThat(policy.check(wire.baseUrl() + "/hooks")).hasPort(wire.port());
        try (CloseableHttpClient client = OutboundHttp.client(policy, TIMEOUT, TIMEOUT, 2)) {
            assertThat(OutboundHttp.exchange(client, new HttpPost(wire.baseUrl() + "/hooks"), 0)
                            .status())
                    .isEqualTo(200);
        }
        OutboundPolicy closed = new OutboundPolicy("url", false, HostResolver.SYSTEM);
        try (CloseableHttpClient client = OutboundHttp.client(closed, TIMEOUT, TIMEOUT, 2)) {
            assertThatThrownBy(() -> OutboundHttp.exchange(client, new HttpPost(wire.baseUrl() + "/hooks"), 0))
                    .isInstanceOf(RefusedAddressException.class);
        }
        assertThat(wire.getAllServeEvents()).hasSize(1);
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        wire.stubFor(get(urlPathEqualTo("/moved"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "/elsewhere")));
        OutboundPolicy policy = new OutboundPolicy("url", true, HostResolver.SYSTEM);
        try (CloseableHttpClient client = OutboundHttp.client(policy, TIMEOUT, TIMEOUT, 2)) {
            assertThat(OutboundHttp.exchange(client, new HttpGet(wire.baseUrl() + "/moved"), 0)
                            .status())
                    .isEqualTo(302);
        }
        assertThat(wire.getAllServeEvents())
                .singleElement()
                .satisfies(e -> assertThat(e.getRequest().getUrl()).isEqualTo("/moved"));
    }

    @Test
    void everyRefusedUrlGetsTheSameAnswerWhateverTheReason() throws Exception {
        HostResolver dns = host -> switch (host) {
            case "intranet.corp.test" -> new InetAddress[] {InetAddress.getByName("10.20.30.40")};
            case "dual.corp.test" ->
                new InetAddress[] {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("192.168.1.1")};
            case "public.test" -> new InetAddress[] {InetAddress.getByName("93.184.215.14")};
            case "missing.corp.test" -> throw new UnknownHostException(host);
            default -> HostResolver.SYSTEM.resolve(host);
        };
        OutboundPolicy policy = new OutboundPolicy("hub.callback", false, dns);
        List<String> reasons = new ArrayList<>();
        for (String url : List.of(
                "",
                "ftp://public.test/cb",
                "/relative/cb",
                "https://user:pass@public.test/cb",
                "https://public.test/cb#top",
                "https://public.test/" + "x".repeat(OutboundPolicy.MAX_LENGTH),
                "http://intranet.corp.test/cb",
                "http://missing.corp.test/cb",
                "http://dual.corp.test/cb",
                "http://127.0.0.1:8080/cb",
                "http://localhost/cb",
                "http://169.254.169.254/latest/meta-data",
                "http://[64:ff9b::a9fe:a9fe]/cb",
                "http://[::127.0.0.1]/cb",
                "http://[::ffff:169.254.169.254]/cb",
                "http://[::1]/cb",
                "http://[fd00::1]/cb",
                "http://[fe80::1]/cb",
                "http://[2002:a00:1::1]/cb",
                "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/cb",
                "http://100.64.0.1/cb",
                "http://198.18.0.1/cb",
                "http://0.0.0.0/cb",
                "http://224.0.0.1/cb")) {
            assertThatThrownBy(() -> policy.check(url))
                    .as(url)
                    .isInstanceOf(RefusedUrlException.class)
                    .hasMessage(policy.answer())
                    .satisfies(e -> reasons.add(((RefusedUrlException) e).reason()));
        }
        assertThat(policy.answer())
                .isEqualTo("hub.callback refused: it must be an absolute http or https URL without user info or"
                        + " fragment, no longer than 2048 characters, whose host resolves to public internet"
                        + " addresses only");
        assertThat(reasons)
                .as("the causes differ, for the log")
                .anySatisfy(r -> assertThat(r).contains("does not resolve"))
                .anySatisfy(r -> assertThat(r).contains("10.20.30.40 (private"))
                .anySatisfy(r -> assertThat(r).contains("NAT64 64:ff9b::/96 of link-local"))
                .anySatisfy(r -> assertThat(r).contains("IPv4-compatible"));
        assertThat(policy.check("https://public.test/websub?x=1")).hasHost("public.test");
        assertThat(policy.check("https://93.184.215.14/websub")).hasHost("93.184.215.14");
    }
}

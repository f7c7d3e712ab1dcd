package org.wiregate.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP client for calls to URLs someone else chose (webhooks, WebSub callbacks): Apache
 * HttpClient 5 whose only {@link DnsResolver} is {@link OutboundPolicy#addresses}. The host is
 * resolved once per connection, every address is checked, and the socket can only connect to one of
 * the addresses that passed: there is no second lookup for a rebinding DNS server to answer
 * differently. TLS still verifies the certificate against the host name of the URL (SNI and
 * hostname verification use the name, not the address). No redirects are followed, no retries
 * made, no cookies kept, no proxy used.
 */
public final class OutboundHttp {

    private static final Logger log = LoggerFactory.getLogger(OutboundHttp.class);

    private OutboundHttp() {}

    /** What came back: the status, one header, and the first bytes of the body. */
    public record Answer(int status, String retryAfter, byte[] head) {}

    /**
     * Sends a request and reads the status, {@code Retry-After} and at most {@code bodyLimit} bytes
     * of the body; the rest is never read (the connection is dropped instead), so a receiver cannot
     * hold a worker by streaming an endless answer.
     *
     * @throws RefusedAddressException when the host did not pass the policy (nothing was sent)
     */
    public static Answer exchange(CloseableHttpClient client, HttpUriRequestBase request, int bodyLimit)
            throws IOException {
        ClassicHttpResponse response = client.executeOpen(null, request, null);
        try {
            byte[] head = new byte[0];
            HttpEntity entity = response.getEntity();
            if (entity != null && bodyLimit > 0) {
                InputStream body = entity.getContent();
                head = body.readNBytes(bodyLimit);
            }
            Header retryAfter = response.getFirstHeader("Retry-After");
            return new Answer(response.getCode(), retryAfter == null ? null : retryAfter.getValue(), head);
        } finally {
            request.cancel(); // drop the connection rather than drain an answer of unknown length
            try {
                response.close();
            } catch (IOException ignored) {
                // the connection is gone already
            }
        }
    }

    /**
     * @param connectTimeout  establishing the TCP (and TLS) connection
     * @param responseTimeout the longest silence while waiting for the answer
     * @param connections     connections kept at most (per route and in all)
     */
    public static CloseableHttpClient client(
            OutboundPolicy policy, Duration connectTimeout, Duration responseTimeout, int connections) {
        DnsResolver checked = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                try {
                    return policy.addresses(host);
                } catch (RefusedAddressException e) {
                    log.warn("Outbound connection to '{}' refused: {}", OutboundPolicy.printable(host), e.reason());
                    throw e;
                }
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host; // never asked to canonicalise: no SPNEGO, no Kerberos here
            }
        };
        Timeout connect = Timeout.of(connectTimeout);
        Timeout response = Timeout.of(responseTimeout);
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(checked)
                        .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(response)
                                .build())
                        .setMaxConnTotal(Math.max(2, connections))
                        .setMaxConnPerRoute(Math.max(2, connections))
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(response)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }
}

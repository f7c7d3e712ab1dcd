package org.wiregate.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/**
 * wiregate_http_responses_total as RequestGate counts it: by area of the path and status class,
 * whatever answers behind the gate; an exception out of the chain is the container's 500; a path
 * the firewall refuses is a 400 of its area. The WiregateFeedServerErrors alert reads area="feeds".
 */
class ResponseCountsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final ResponseCounts counts = new ResponseCounts(registry);
    private final RequestGate gate = new RequestGate(DataSize.ofMegabytes(1), counts);

    @Test
    void areasComeFromTheFixedListOfPrefixes() {
        assertThat(ResponseCounts.Area.of("/feeds/en.rss")).isEqualTo(ResponseCounts.Area.FEEDS);
        assertThat(ResponseCounts.Area.of("/feeds/ar/section/politics.atom")).isEqualTo(ResponseCounts.Area.FEEDS);
        assertThat(ResponseCounts.Area.of("/feeds.opml")).isEqualTo(ResponseCounts.Area.FEEDS);
        assertThat(ResponseCounts.Area.of("/sitemaps/index.xml")).isEqualTo(ResponseCounts.Area.FEEDS);
        assertThat(ResponseCounts.Area.of("/partner/feeds/es.json")).isEqualTo(ResponseCounts.Area.PARTNER);
        assertThat(ResponseCounts.Area.of("/api/partner/articles")).isEqualTo(ResponseCounts.Area.PARTNER);
        assertThat(ResponseCounts.Area.of("/api/articles/x")).isEqualTo(ResponseCounts.Area.PARTNER);
        assertThat(ResponseCounts.Area.of("/websub/hub")).isEqualTo(ResponseCounts.Area.WEBSUB);
        assertThat(ResponseCounts.Area.of("/ingest/afp")).isEqualTo(ResponseCounts.Area.INGEST);
        assertThat(ResponseCounts.Area.of("/ops/quarantine")).isEqualTo(ResponseCounts.Area.OPS);
        assertThat(ResponseCounts.Area.of("/actuator/prometheus")).isEqualTo(ResponseCounts.Area.OPS);
        assertThat(ResponseCounts.Area.of("/opsfoo")).isEqualTo(ResponseCounts.Area.OTHER);
        assertThat(ResponseCounts.Area.of("/en/articles/x/y")).isEqualTo(ResponseCounts.Area.OTHER);
        assertThat(ResponseCounts.Area.of("/api-docs.html")).isEqualTo(ResponseCounts.Area.OTHER);
    }

    @Test
    void everyCounterExistsFromTheStart() {
        assertThat(registry.find("wiregate.http.responses").counters()).hasSize(6 * 5);
        assertThat(count("feeds", "5xx")).isZero();
    }

    @Test
    void theGateCountsWhatTheChainBehindItAnswered() throws Exception {
        answer("/feeds/en.rss", 200);
        answer("/feeds/en.rss", 304);
        answer("/feeds/es.json", 503);
        answer("/api/partner/articles", 401);
        assertThat(count("feeds", "2xx")).isEqualTo(1);
        assertThat(count("feeds", "3xx")).isEqualTo(1);
        assertThat(count("feeds", "5xx")).isEqualTo(1);
        assertThat(count("partner", "4xx")).isEqualTo(1);
    }

    @Test
    void anExceptionOutOfTheChainIsA500AndARefusedPathA400() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/feeds/ar.atom");
        MockFilterChain failing = new MockFilterChain() {
            @Override
            public void doFilter(ServletRequest req, ServletResponse res) throws ServletException {
                throw new ServletException("render failed");
            }
        };
        assertThatThrownBy(() -> gate.doFilter(request, new MockHttpServletResponse(), failing))
                .hasMessageContaining("render failed");
        assertThat(count("feeds", "5xx")).isEqualTo(1);

        MockHttpServletRequest refused = new MockHttpServletRequest("GET", "/feeds/..%2Fops");
        refused.setRequestURI("/feeds/..%2Fops");
        MockHttpServletResponse response = new MockHttpServletResponse();
        gate.doFilter(refused, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(count("feeds", "4xx")).isEqualTo(1);
    }

    private void answer(String path, int status) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        gate.doFilter(request, response, (req, res) -> ((MockHttpServletResponse) res).setStatus(status));
    }

    private double count(String area, String status) {
        return registry.get("wiregate.http.responses")
                .tag("area", area)
                .tag("status", status)
                .counter()
                .count();
    }
}

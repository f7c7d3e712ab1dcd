package org.wiregate.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code wiregate_http_responses_total{area,status}}: every answer the gateway gives, by area of the
 * URL space and status class ({@code 2xx} … {@code 5xx}), counted by {@link RequestGate} as the last
 * thing before the answer leaves. The feed fast paths answer before Spring MVC sees a request, so
 * Spring's {@code http_server_requests_seconds} tags them {@code uri="UNKNOWN"}, and the feed
 * counters ({@code wiregate_feed_requests_total}) only count pages served: a 500 or a 503 of a feed
 * shows only here (the WiregateFeedServerErrors alert). Both labels come from fixed lists, never
 * from the request, and every counter exists from the start (at 0, so rates are defined).
 */
@Component
class ResponseCounts {

    /** Areas of the URL space, by path prefix; anything else (site pages, /openapi.yaml, /api-docs) is "other". */
    enum Area {
        FEEDS("feeds"),
        PARTNER("partner"),
        WEBSUB("websub"),
        INGEST("ingest"),
        OPS("ops"),
        OTHER("other");

        final String label;

        Area(String label) {
            this.label = label;
        }

        static Area of(String path) {
            if (path.startsWith("/feeds") || path.startsWith("/sitemaps/")) {
                return FEEDS;
            }
            if (path.startsWith("/partner/")
                    || path.equals("/partner")
                    || path.startsWith("/api/partner/")
                    || path.startsWith("/api/articles")) {
                return PARTNER;
            }
            if (path.startsWith("/websub/")) {
                return WEBSUB;
            }
            if (path.startsWith("/ingest/")) {
                return INGEST;
            }
            if (path.equals("/ops")
                    || path.startsWith("/ops/")
                    || path.startsWith("/actuator")
                    || path.equals("/login")
                    || path.equals("/logout")) {
                return OPS;
            }
            return OTHER;
        }
    }

    private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final Counter[][] counters = new Counter[Area.values().length][CLASSES.length];

    ResponseCounts(MeterRegistry registry) {
        for (Area area : Area.values()) {
            for (int c = 0; c < CLASSES.length; c++) {
                counters[area.ordinal()][c] = Counter.builder("wiregate.http.responses")
                        .description("Answers by area of the URL space (feeds, partner, websub, ingest, ops, other)"
                                + " and status class")
                        .tag("area", area.label)
                        .tag("status", CLASSES[c])
                        .register(registry);
            }
        }
    }

    /** Counts one answer; a status outside 100-599 (none is sent) counts as 5xx. */
    void count(String path, int status) {
        int c = status / 100 - 1;
        counters[Area.of(path).ordinal()][c >= 0 && c < CLASSES.length ? c : CLASSES.length - 1].increment();
    }
}

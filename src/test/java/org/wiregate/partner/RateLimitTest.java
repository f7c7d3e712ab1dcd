package org.wiregate.partner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.MutableClock;
import org.wiregate.support.PartnerFixtures;
import org.wiregate.support.TestDirectories;

/**
 * Rate limits per credential: a burst, then 429 with Retry-After; RateLimit-* headers on every
 * partner answer; refill as the (test) clock moves; one partner hammered from many threads while
 * another is served in full; a contract change applies at once; idle buckets are swept.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RateLimitTest {

    private static final Path inbox =
            TestDirectories.create("partner-rate-limit").resolve("inbox");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    PartnerRepository partners;

    @Autowired
    PartnerKeys keys;

    @Autowired
    PartnerDirectory directory;

    @Autowired
    PartnerRateLimits limits;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "partner-rate-limit", inbox);
        // The tests sweep by hand; a scheduled sweep in between would still be correct, only harder to reason about.
        registry.add("gateway.partners.rate-limit-sweep", () -> "PT24H");
    }

    @Test
    void burstThenTooManyRequestsWithRetryAfterAndRefillAsTheClockMoves() throws Exception {
        clock.set(START);
        // 6 a minute: one token every 10 s, at most 3 at once.
        String key = PartnerFixtures.partnerWithKey(partners, keys, "rl-burst", null, 6, 3);

        for (int i = 1; i <= 3; i++) {
            HttpResponse<byte[]> ok = me(key);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(header(ok, "RateLimit-Limit")).isEqualTo("3");
            assertThat(header(ok, "RateLimit-Remaining")).isEqualTo(Integer.toString(3 - i));
            assertThat(header(ok, "RateLimit-Reset")).isEqualTo(Integer.toString(10 * i)); // until full again
            assertThat(header(ok, "RateLimit-Policy")).isEqualTo("6;w=60;burst=3");
            assertThat(ok.headers().firstValue("Retry-After")).isEmpty();
        }

        HttpResponse<byte[]> limited = me(key);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(header(limited, "Retry-After")).isEqualTo("10");
        assertThat(header(limited, "RateLimit-Remaining")).isEqualTo("0");
        assertThat(header(limited, "RateLimit-Limit")).isEqualTo("3");
        assertThat(header(limited, "RateLimit-Reset")).isEqualTo("30");
        assertThat(header(limited, "RateLimit-Policy")).isEqualTo("6;w=60;burst=3");
        assertThat(header(limited, "Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(limited.body());
        assertThat(problem.path("type").asText()).isEqualTo("https://wiregate.dev/problems/rate-limited");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("detail").asText())
                .contains("6 requests per minute", "bursts of up to 3", "Retry after 10 seconds");

        // 9.5 s later the token is not back: still 429, and Retry-After rounds the half second up to 1.
        clock.advance(Duration.ofMillis(9_500));
        HttpResponse<byte[]> stillLimited = me(key);
        assertThat(stillLimited.statusCode()).isEqualTo(429);
        assertThat(header(stillLimited, "Retry-After")).isEqualTo("1");

        clock.advance(Duration.ofMillis(500));
        HttpResponse<byte[]> refilled = me(key);
        assertThat(refilled.statusCode()).isEqualTo(200);
        assertThat(header(refilled, "RateLimit-Remaining")).isEqualTo("0");

        clock.advance(Duration.ofSeconds(30));
        assertThat(header(me(key), "RateLimit-Remaining")).isEqualTo("2"); // full (3) again, minus this one
    }

    @Test
    void headersComeWithEveryAnswerButNotWithA401() throws Exception {
        clock.set(START);
        String key = PartnerFixtures.partnerWithKey(partners, keys, "rl-headers", null, 600, 60);

        HttpResponse<byte[]> notFound =
                Http.get(base() + "/api/partner/articles/01JAAAAAAAAAAAAAAAAAAAAAAA", "X-Api-Key", key);
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(header(notFound, "RateLimit-Policy")).isEqualTo("600;w=60;burst=60");
        assertThat(header(notFound, "RateLimit-Remaining")).isEqualTo("59");

        HttpResponse<byte[]> badRequest = Http.get(base() + "/api/partner/articles?limit=0", "X-Api-Key", key);
        assertThat(badRequest.statusCode()).isEqualTo(400);
        assertThat(header(badRequest, "RateLimit-Remaining")).isEqualTo("58");

        // Authentication comes first: a bad key gets the one 401, spends nothing and learns nothing about limits.
        HttpResponse<byte[]> unauthorized =
                Http.get(base() + "/api/partner/me", "Authorization", "Bearer " + key + "x");
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.headers().firstValue("RateLimit-Remaining")).isEmpty();
        assertThat(header(me(key), "RateLimit-Remaining")).isEqualTo("57");
    }

    @Test
    void onePartnersBurstNeverLimitsAnother() throws Exception {
        clock.set(START); // frozen: no refill while the threads run, so the counts are exact
        String hammering = PartnerFixtures.partnerWithKey(partners, keys, "rl-hammer", null, 1, 5);
        String quiet = PartnerFixtures.partnerWithKey(partners, keys, "rl-quiet", null, 1, 40);

        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Integer>>> hammers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                hammers.add(pool.submit(statuses(hammering, 30, start)));
            }
            List<Future<List<Integer>>> quiets = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                quiets.add(pool.submit(statuses(quiet, 20, start)));
            }
            start.countDown();

            List<Integer> hammered = new ArrayList<>();
            for (Future<List<Integer>> f : hammers) {
                hammered.addAll(f.get(60, TimeUnit.SECONDS));
            }
            List<Integer> served = new ArrayList<>();
            for (Future<List<Integer>> f : quiets) {
                served.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(hammered).hasSize(120);
            assertThat(hammered.stream().filter(s -> s == 200).count()).isEqualTo(5);
            assertThat(hammered.stream().filter(s -> s == 429).count()).isEqualTo(115);
            assertThat(served).hasSize(40).containsOnly(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyKeyHasItsOwnBucketWithTheFullContract() throws Exception {
        clock.set(START);
        String first = PartnerFixtures.partnerWithKey(partners, keys, "rl-two-keys", null, 1, 1);
        String second = keys.issueKey("rl-two-keys", "test").token();

        assertThat(me(first).statusCode()).isEqualTo(200);
        assertThat(me(first).statusCode()).isEqualTo(429);
        assertThat(me(second).statusCode()).isEqualTo(200);
        assertThat(me(second).statusCode()).isEqualTo(429);
    }

    @Test
    void aContractChangeAppliesWithANewBucket() throws Exception {
        clock.set(START);
        String key = PartnerFixtures.partnerWithKey(partners, keys, "rl-contract", null, 1, 1);
        assertThat(me(key).statusCode()).isEqualTo(200);
        assertThat(me(key).statusCode()).isEqualTo(429);

        Partner before = partners.find("rl-contract").orElseThrow();
        partners.update(
                new Partner(before.id(), before.name(), before.entitlements(), 120, 4, before.createdAt(), null));
        directory.forget(); // what the admin API does after a change

        HttpResponse<byte[]> after = me(key);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(header(after, "RateLimit-Policy")).isEqualTo("120;w=60;burst=4");
        assertThat(header(after, "RateLimit-Remaining")).isEqualTo("3");
    }

    @Test
    void bucketsThatRefilledAreSweptAndBusyOnesKept() throws Exception {
        clock.set(START);
        String key = PartnerFixtures.partnerWithKey(partners, keys, "rl-sweep", null, 60, 2);
        clock.advance(Duration.ofHours(1)); // every bucket made so far is full again
        limits.evictIdle();
        assertThat(limits.size()).isZero();

        assertThat(header(me(key), "RateLimit-Remaining")).isEqualTo("1");
        assertThat(limits.evictIdle()).isZero(); // one token short: kept, or the partner would get it back for free
        assertThat(limits.size()).isEqualTo(1);
        assertThat(header(me(key), "RateLimit-Remaining")).isEqualTo("0");

        clock.advance(Duration.ofSeconds(2)); // 60 a minute: both tokens back
        assertThat(limits.evictIdle()).isEqualTo(1);
        assertThat(limits.size()).isZero();
        assertThat(header(me(key), "RateLimit-Remaining")).isEqualTo("1");
    }

    private Callable<List<Integer>> statuses(String key, int requests, CountDownLatch start) {
        return () -> {
            start.await();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                statuses.add(me(key).statusCode());
            }
            return statuses;
        };
    }

    private HttpResponse<byte[]> me(String key) throws Exception {
        return Http.get(base() + "/api/partner/me", "Authorization", "Bearer " + key);
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    @TestConfiguration
    static class ClockConfiguration {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(START);
        }
    }
}

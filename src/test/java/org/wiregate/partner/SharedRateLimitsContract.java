package org.wiregate.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.MutableClock;
import org.wiregate.support.PartnerFixtures;
import org.wiregate.support.TestDirectories;

/**
 * Rate limits shared through the database ({@code gateway.partners.rate-limit.store=database}):
 * two gateway instances (two {@link SharedRateLimits} on one database) give a partner its contract
 * once between them, not once each; the bucket refills with time; concurrent takes never hand out
 * more than the burst; the filter answers 429 from it. Runs on H2 and on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SharedRateLimitsContract.ClockConfiguration.class)
abstract class SharedRateLimitsContract {

    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");
    private static final PartnerRateLimits.Policy FIVE_PER_MINUTE = new PartnerRateLimits.Policy(60, 5);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MutableClock clock;

    @Autowired
    PartnerRepository partners;

    @Autowired
    PartnerKeys keys;

    @DynamicPropertySource
    static void common(DynamicPropertyRegistry registry) {
        GatewayTestProperties.registerWithoutDatabase(
                registry, TestDirectories.create("shared-rate-limits").resolve("inbox"));
        registry.add("gateway.partners.rate-limit.store", () -> "database");
    }

    @BeforeEach
    void resetClock() {
        clock.set(START);
    }

    @Test
    void twoInstancesGiveTheContractOnceBetweenThemAndTimeRefillsIt() {
        SharedRateLimits one = new SharedRateLimits(jdbc, transactions, clock);
        SharedRateLimits two = new SharedRateLimits(jdbc, transactions, clock);
        List<Boolean> allowed = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            allowed.add((i % 2 == 0 ? one : two)
                    .take("key-two-instances", FIVE_PER_MINUTE)
                    .allowed());
        }
        assertThat(allowed).containsExactly(true, true, true, true, true, false, false, false);

        PartnerRateLimits.Decision refused = two.take("key-two-instances", FIVE_PER_MINUTE);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1); // 60 a minute: one token a second
        assertThat(refused.resetSeconds()).isEqualTo(5);

        clock.advance(Duration.ofSeconds(1));
        assertThat(one.take("key-two-instances", FIVE_PER_MINUTE).allowed()).isTrue();
        assertThat(two.take("key-two-instances", FIVE_PER_MINUTE).allowed()).isFalse();

        clock.advance(Duration.ofMinutes(1));
        PartnerRateLimits.Decision full = two.take("key-two-instances", FIVE_PER_MINUTE);
        assertThat(full.allowed()).isTrue();
        assertThat(full.remaining()).as("refilled to the burst, never past it").isEqualTo(4);
        // Another credential has its own bucket.
        assertThat(one.take("key-other", FIVE_PER_MINUTE).remaining()).isEqualTo(4);
    }

    @Test
    void concurrentTakesOnBothInstancesNeverHandOutMoreThanTheBurst() throws Exception {
        SharedRateLimits one = new SharedRateLimits(jdbc, transactions, clock);
        SharedRateLimits two = new SharedRateLimits(jdbc, transactions, clock);
        PartnerRateLimits.Policy twenty = new PartnerRateLimits.Policy(60, 20);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                SharedRateLimits instance = t % 2 == 0 ? one : two;
                counts.add(pool.submit(() -> {
                    int granted = 0;
                    for (int i = 0; i < 10; i++) {
                        granted += instance.take("key-concurrent", twenty).allowed() ? 1 : 0;
                    }
                    return granted;
                }));
            }
            int granted = 0;
            for (Future<Integer> count : counts) {
                granted += count.get(60, TimeUnit.SECONDS);
            }
            assertThat(granted).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theFilterAnswers429FromTheSharedBucket() throws Exception {
        String key = PartnerFixtures.partnerWithKey(partners, keys, "shared-limit", null, 60, 2);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> answer = Http.get("http://localhost:" + port + "/api/partner/me", "X-Api-Key", key);
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(answer.headers().firstValue("RateLimit-Remaining")).hasValue("0");
            }
        }
        assertThat(statuses).containsExactly(200, 200, 429);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM rate_bucket WHERE credential_id = ?")
                        .param(key.split("_")[1])
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
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

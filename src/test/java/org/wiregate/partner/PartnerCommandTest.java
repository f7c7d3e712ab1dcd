package org.wiregate.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wiregate.WiregateApplication;
import org.wiregate.article.Language;
import org.wiregate.cluster.ClusterBus;
import org.wiregate.source.MappingRegistry;
import org.wiregate.support.TestDirectories;

/**
 * {@code java -jar wiregate.jar partners ...} run in-process against an H2 file database: what it
 * prints, its exit status, and that the keys it prints authenticate through a PartnerDirectory
 * reading the same database afterwards (no web server, no cache in between).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartnerCommandTest {

    private static final Pattern KEY = Pattern.compile("wgp_[a-z2-9]{12}_[A-Za-z0-9_-]{43}");
    private static final Pattern FEED_TOKEN = Pattern.compile("wgf_[a-z2-9]{12}_[A-Za-z0-9_-]{43}");
    private static final Path work = TestDirectories.create("partner-command");
    private static final String URL = "jdbc:h2:file:" + work.resolve("db").toAbsolutePath()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private static String firstKey;
    private static String rotatedKey;

    record Run(int status, String out, String err) {}

    @BeforeAll
    static void noDatabaseYet() {
        assertThat(work.resolve("db.mv.db")).doesNotExist();
    }

    @Test
    @Order(1)
    void usageErrorsExit2WithoutTouchingTheDatabase() {
        for (String[] args : List.of(
                new String[] {},
                new String[] {"frobnicate"},
                new String[] {"create", "--id", "x"},
                new String[] {"create", "--name", "No id"},
                new String[] {"create", "--id", "a1", "--name", "A", "--rate", "fast"},
                new String[] {"show"},
                new String[] {"show", "a", "b"},
                new String[] {"rotate", "k", "--overlap", "tomorrow"},
                new String[] {"revoke", "k", "--force"},
                new String[] {"feed-token", "a1"},
                new String[] {"key", "a1", "--spring.x"})) {
            Run run = run(args);
            assertThat(run.status()).as(String.join(" ", args)).isEqualTo(PartnerCommand.USAGE);
            assertThat(run.err()).as(String.join(" ", args)).contains("usage: java -jar wiregate.jar partners");
        }
        assertThat(run("--help").status()).isEqualTo(PartnerCommand.OK);
        assertThat(work.resolve("db.mv.db"))
                .as("no usage error starts the application")
                .doesNotExist();
    }

    @Test
    @Order(2)
    void createPrintsAKeyOnceThatAuthenticates() {
        Run run = run(
                "create",
                "--id",
                "cli-outlet",
                "--name",
                "CLI Outlet",
                "--entitlements",
                "{\"languages\":[\"ar\"]}",
                "--rate",
                "120",
                "--burst",
                "12");

        assertThat(run.status()).as(run.err()).isEqualTo(PartnerCommand.OK);
        firstKey = onlyMatch(KEY, run.out());
        assertThat(run.out())
                .contains("Created partner cli-outlet (CLI Outlet): 120 requests/minute, burst 12")
                .contains("WARNING: store this secret now");
        PartnerAccess access = directory().byKey(firstKey).orElseThrow();
        assertThat(access.partnerId()).isEqualTo("cli-outlet");
        assertThat(access.partner().entitlements().languages()).containsExactly(Language.AR);
        assertThat(access.partner().ratePerMinute()).isEqualTo(120);
    }

    @Test
    @Order(3)
    void failuresExit1WithTheReason() {
        Run duplicate = run("create", "--id", "cli-outlet", "--name", "Again");
        assertThat(duplicate.status()).isEqualTo(PartnerCommand.FAILED);
        assertThat(duplicate.err()).contains("partner 'cli-outlet' already exists");

        Run badId = run("create", "--id", "Bad_Id", "--name", "Bad");
        assertThat(badId.status()).isEqualTo(PartnerCommand.FAILED);
        assertThat(badId.err()).contains("Bad_Id");
    }

    @Test
    @Order(4)
    void rotateRevokeAndDisable() {
        String keyId = firstKey.split("_")[1];
        Run rotate = run("rotate", keyId, "--overlap", "PT1H");
        assertThat(rotate.status()).as(rotate.err()).isEqualTo(PartnerCommand.OK);
        rotatedKey = onlyMatch(KEY, rotate.out());
        assertThat(rotatedKey).isNotEqualTo(firstKey);
        assertThat(rotate.out()).contains("The old key " + keyId + " works until");
        assertThat(directory().byKey(firstKey)).isPresent();
        assertThat(directory().byKey(rotatedKey)).isPresent();
        assertThat(directory(Clock.offset(Clock.systemUTC(), Duration.ofHours(2)))
                        .byKey(firstKey))
                .isEmpty();

        Run revoke = run("revoke", rotatedKey.split("_")[1]);
        assertThat(revoke.status()).as(revoke.err()).isEqualTo(PartnerCommand.OK);
        assertThat(revoke.out()).contains("Revoked key " + rotatedKey.split("_")[1] + " of partner cli-outlet");
        assertThat(directory().byKey(rotatedKey)).isEmpty();
        assertThat(directory().byKey(firstKey)).isPresent();

        Run disable = run("disable", "cli-outlet");
        assertThat(disable.status()).as(disable.err()).isEqualTo(PartnerCommand.OK);
        assertThat(directory().byKey(firstKey)).isEmpty();
    }

    @Test
    @Order(5)
    void feedTokenShowAndAuditByTheOsUser() {
        Run feed = run("feed-token", "cli-outlet", "/partner/feeds/ar.rss");
        assertThat(feed.status()).as(feed.err()).isEqualTo(PartnerCommand.OK);
        String token = onlyMatch(FEED_TOKEN, feed.out().replaceAll("Feed URL: .*", ""));
        assertThat(feed.out()).contains("Feed URL: http://localhost:8080/partner/feeds/ar.rss?token=" + token);

        Run enable = run("enable", "cli-outlet");
        assertThat(enable.status()).isEqualTo(PartnerCommand.OK);
        assertThat(directory().byFeedToken(token, "/partner/feeds/ar.rss")).isPresent();
        assertThat(directory().byFeedToken(token, "/partner/feeds/en.rss")).isEmpty();

        Run show = run("show", "cli-outlet");
        assertThat(show.status()).isEqualTo(PartnerCommand.OK);
        assertThat(show.out())
                .contains("Partner cli-outlet (CLI Outlet), active")
                .contains(firstKey.split("_")[1])
                .contains(rotatedKey.split("_")[1])
                .contains("/partner/feeds/ar.rss")
                .doesNotContain(firstKey)
                .doesNotContain(token)
                .doesNotContain(SecretTokens.hash(firstKey));

        Run list = run("list");
        assertThat(list.out()).containsPattern("cli-outlet +active +120/min burst 12 +CLI Outlet");

        List<String> actors = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        repository().auditOf("cli-outlet", 100).forEach(e -> {
            actors.add(e.actor());
            actions.add(e.action());
        });
        assertThat(actions)
                .contains(
                        "partner-created",
                        "key-created",
                        "key-rotated",
                        "key-revoked",
                        "partner-disabled",
                        "partner-enabled",
                        "feed-token-created");
        assertThat(actors).contains("cli:" + System.getProperty("user.name"));
    }

    private static String onlyMatch(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        String found = matcher.group();
        assertThat(matcher.find()).as("the secret is printed once").isFalse();
        return found;
    }

    private static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (args.length > 0 && !args[0].startsWith("-")) {
            all.add("--spring.datasource.url=" + URL);
            all.add("--gateway.inbox=" + work.resolve("inbox"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new PartnerCommand(WiregateApplication.class)
                .run(
                        all.toArray(String[]::new),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static PartnerRepository repository() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(URL);
        dataSource.setUser("sa");
        dataSource.setPassword("");
        return new PartnerRepository(JdbcClient.create(dataSource));
    }

    /** A directory of its own each time: nothing cached from an earlier look-up. */
    private static PartnerDirectory directory() {
        return directory(Clock.systemUTC());
    }

    private static PartnerDirectory directory(Clock clock) {
        return new PartnerDirectory(
                repository(),
                new MappingRegistry(Path.of("mappings")),
                clock,
                Duration.ofSeconds(2),
                ClusterBus.alone());
    }
}

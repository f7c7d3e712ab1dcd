package org.wiregate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;
import org.wiregate.WiregateApplication;
import org.wiregate.ingest.RouteSuspensions;
import org.wiregate.support.Fixtures;
import org.wiregate.support.TestDirectories;

/**
 * A route an operator suspended stays suspended when the gateway restarts on the same store (and so
 * on whichever instance of a cluster starts it next): not one file of its source is taken until an
 * operator resumes it. Before suspensions were kept, the restarted gateway started the route and
 * took the file at once.
 */
class RouteSuspensionAcrossRestartTest {

    private static final String ROUTE = "ingest-standard";
    private static final Path work = TestDirectories.create("route-suspension");

    @Test
    void aSuspendedSourceStaysSuspendedAfterARestartUntilResumed() throws Exception {
        try (ConfigurableApplicationContext first = start()) {
            awaitStatus(first, ServiceStatus.Started);
            act(first, "suspend");
            assertThat(status(first)).isEqualTo(ServiceStatus.Suspended);
        }

        try (ConfigurableApplicationContext second = start()) {
            awaitStatus(second, ServiceStatus.Suspended);
            assertThat(second.getBean(RouteSuspensions.class).heldBy(ROUTE))
                    .hasValueSatisfying(held -> assertThat(held.suspendedBy()).isEqualTo("alice"));
            Path folder = work.resolve("inbox/standard");
            Fixtures.drop(
                    work.resolve("inbox"),
                    "standard",
                    "held.json",
                    Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json"));
            Path file = folder.resolve("held.json");
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> Files.exists(file) && status(second) == ServiceStatus.Suspended);

            act(second, "resume");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(folder.resolve(".done/held.json")));
            assertThat(second.getBean(RouteSuspensions.class).heldBy(ROUTE)).isEmpty();
        }

        try (ConfigurableApplicationContext third = start()) {
            awaitStatus(third, ServiceStatus.Started); // resumed for good, not only on the instance that resumed it
        }
    }

    private static void act(ConfigurableApplicationContext app, String action) {
        app.getBean(OpsActions.class).route(ROUTE, action, () -> "alice", new RedirectAttributesModelMap());
    }

    private static ServiceStatus status(ConfigurableApplicationContext app) {
        return app.getBean(CamelContext.class).getRouteController().getRouteStatus(ROUTE);
    }

    private static void awaitStatus(ConfigurableApplicationContext app, ServiceStatus expected) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status(app) == expected);
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(WiregateApplication.class)
                .run(
                        "--server.port=0",
                        "--gateway.inbox=" + work.resolve("inbox"),
                        "--gateway.demo.enabled=false",
                        "--gateway.ingest.settle-time=200",
                        "--gateway.ingest.settle-check-interval=100",
                        "--gateway.ingest.poll-interval=200",
                        "--spring.datasource.url=jdbc:h2:file:" + work.resolve("data/wiregate")
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }
}

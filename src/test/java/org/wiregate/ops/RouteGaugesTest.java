package org.wiregate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.SupervisingRouteController;
import org.junit.jupiter.api.Test;
import org.wiregate.support.TestDirectories;

/**
 * wiregate_route_up and wiregate_route_restarting follow Camel itself: a started route is up; a
 * route whose consumer cannot start is down and restarting while the supervising controller retries
 * it; a suspended route is down and not restarting (the two alerts WiregateRouteRestarting and
 * WiregateRouteDown tell them apart by these two gauges); a pulled source's route held stopped
 * because another instance leads the source is down and standing by, which WiregateRouteDown
 * leaves alone.
 */
class RouteGaugesTest {

    @Test
    void startedFailingToStartAndSuspendedRoutes() throws Exception {
        Path missing = TestDirectories.create("route-gauges").resolve("never-created");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            SupervisingRouteController supervising = camel.getRouteController().supervising();
            supervising.setBackOffDelay(60_000); // one try, then waiting for the next: restarting throughout
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:healthy").routeId("healthy").log("ok");
                    from("direct:later").routeId("suspended-later").log("ok");
                    // A pulled source another instance leads: created stopped, as SourceRoutes does.
                    from("direct:led-elsewhere")
                            .routeId("led-elsewhere")
                            .autoStartup(false)
                            .log("ok");
                    // The folder must exist and does not: the consumer fails to start, every time.
                    from("file:" + missing + "?startingDirectoryMustExist=true&autoCreate=false")
                            .routeId("broken")
                            .log("never");
                }
            });
            camel.start();

            MeterRegistry registry = new SimpleMeterRegistry();
            RouteGauges gauges = new RouteGauges(camel, route -> route.equals("led-elsewhere"), registry);
            gauges.registerNewRoutes();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(gauge(registry, "wiregate.route.restarting", "broken"))
                        .isEqualTo(1.0);
            });
            assertThat(gauge(registry, "wiregate.route.up", "broken")).isEqualTo(0.0);
            assertThat(gauge(registry, "wiregate.route.up", "healthy")).isEqualTo(1.0);
            assertThat(gauge(registry, "wiregate.route.restarting", "healthy")).isEqualTo(0.0);

            assertThat(gauge(registry, "wiregate.route.up", "led-elsewhere")).isEqualTo(0.0);
            assertThat(gauge(registry, "wiregate.route.standby", "led-elsewhere"))
                    .isEqualTo(1.0);
            assertThat(gauge(registry, "wiregate.route.standby", "broken")).isEqualTo(0.0);
            assertThat(gauge(registry, "wiregate.route.standby", "healthy")).isEqualTo(0.0);

            camel.getRouteController().suspendRoute("suspended-later");
            assertThat(gauge(registry, "wiregate.route.up", "suspended-later")).isEqualTo(0.0);
            assertThat(gauge(registry, "wiregate.route.restarting", "suspended-later"))
                    .isEqualTo(0.0);
        }
    }

    private static double gauge(MeterRegistry registry, String name, String route) {
        return registry.get(name).tag("route", route).gauge().value();
    }
}

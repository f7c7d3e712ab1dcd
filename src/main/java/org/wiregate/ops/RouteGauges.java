package org.wiregate.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RouteController;
import org.apache.camel.spi.SupervisingRouteController;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.wiregate.ingest.SourceRoutes;

/**
 * Per Camel route, what the ops page's routes table shows, for alerting: {@code
 * wiregate_route_up{route}} (1 while Started; 0 when stopped, suspended or not started) and {@code
 * wiregate_route_restarting{route}} (1 while the supervising route controller keeps retrying a route
 * that failed to start, exhausted included) and {@code wiregate_route_standby{route}} (1 while a
 * pulled source's poller is held stopped because another instance of the cluster leads the source).
 * Camel's own {@code camel_routes_running_routes} counts
 * routes without saying which one. Values are read at each scrape; routes added after start (the
 * per-source ingest routes) get their gauges on the next sync.
 */
@Component
class RouteGauges {

    private final CamelContext camel;
    /** Whether a route is held stopped because another instance leads its source. */
    private final Predicate<String> standsBy;

    private final MeterRegistry registry;
    private final Map<String, Boolean> registered = new ConcurrentHashMap<>();

    @Autowired
    RouteGauges(CamelContext camel, SourceRoutes sources, MeterRegistry registry) {
        this(camel, sources::standsBy, registry);
    }

    RouteGauges(CamelContext camel, Predicate<String> standsBy, MeterRegistry registry) {
        this.camel = camel;
        this.standsBy = standsBy;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    void registerNewRoutes() {
        for (Route route : camel.getRoutes()) {
            registered.computeIfAbsent(route.getRouteId(), this::register);
        }
        // Routes not started yet (a pulled source's poller waiting for leadership) are only defined.
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        if (model != null) {
            for (RouteDefinition route : model.getRouteDefinitions()) {
                if (route.getRouteId() != null) {
                    registered.computeIfAbsent(route.getRouteId(), this::register);
                }
            }
        }
    }

    private Boolean register(String routeId) {
        Gauge.builder("wiregate.route.up", this, gauges -> gauges.up(routeId) ? 1 : 0)
                .description("1 while the Camel route is started, 0 when stopped, suspended or failing to start")
                .tag("route", routeId)
                .register(registry);
        Gauge.builder("wiregate.route.restarting", this, gauges -> gauges.restarting(routeId) ? 1 : 0)
                .description("1 while the supervising route controller retries a route that failed to start")
                .tag("route", routeId)
                .register(registry);
        Gauge.builder("wiregate.route.standby", this, gauges -> gauges.standsBy.test(routeId) ? 1 : 0)
                .description("1 while a pulled source's route is stopped because another instance leads the source")
                .tag("route", routeId)
                .register(registry);
        return Boolean.TRUE;
    }

    boolean up(String routeId) {
        return camel.getRouteController().getRouteStatus(routeId) == ServiceStatus.Started;
    }

    boolean restarting(String routeId) {
        RouteController controller = camel.getRouteController();
        if (!(controller instanceof SupervisingRouteController supervising)) {
            return false;
        }
        return supervising.getRestartingRoutes().stream()
                        .anyMatch(r -> r.getRouteId().equals(routeId))
                || supervising.getExhaustedRoutes().stream()
                        .anyMatch(r -> r.getRouteId().equals(routeId));
    }
}

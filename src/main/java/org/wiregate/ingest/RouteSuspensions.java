package org.wiregate.ingest;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.RouteStartedEvent;
import org.apache.camel.spi.RouteController;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.wiregate.store.RouteSuspensionRepository;
import org.wiregate.store.RouteSuspensionRepository.Suspension;

/**
 * Routes an operator suspended stay suspended: across a restart of the gateway, and on whichever
 * instance of a cluster starts a source's route next (a failover used to resume it silently). Kept
 * in the store and held here in memory; a route that starts while held is suspended again at once,
 * and a held source's poller skips its polls meanwhile, so not one file slips through. Only an
 * operator's resume or restart releases it.
 *
 * <p>A Camel event notifier, added to Camel before its routes start: it hears every route start,
 * the routes created at start-up and those a source's leadership starts later alike.
 */
@Component
public class RouteSuspensions extends EventNotifierSupport implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RouteSuspensions.class);

    private static final Duration START_WAIT = Duration.ofSeconds(30);

    private final RouteSuspensionRepository repository;
    /** Suspends off the thread that started the route: Camel is still starting it there. */
    private final ExecutorService suspender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "route-suspensions");
        thread.setDaemon(true);
        return thread;
    });
    /** Null until read from the store (again after a failed read). */
    private volatile Map<String, Suspension> held;

    public RouteSuspensions(RouteSuspensionRepository repository) {
        this.repository = repository;
    }

    @PreDestroy
    void stopSuspender() {
        suspender.shutdownNow();
    }

    /** Whether an operator holds the route suspended. */
    public boolean isHeld(String routeId) {
        return heldBy(routeId).isPresent();
    }

    public Optional<Suspension> heldBy(String routeId) {
        Map<String, Suspension> known = held;
        if (known == null) {
            known = reload();
        }
        return Optional.ofNullable(known.get(routeId));
    }

    /** An operator suspended the route: kept before anything else, so a restart cannot lose it. */
    public void hold(String routeId, String operator, Instant at) {
        repository.suspend(routeId, operator, at);
        reload();
    }

    /** An operator resumed or restarted the route. */
    public void release(String routeId) {
        repository.release(routeId);
        reload();
    }

    /**
     * Reads the suspensions from the store: another instance's operator may have changed them. A
     * failed read holds nothing (the routes run, as before suspensions were kept) and is tried again.
     */
    public Map<String, Suspension> reload() {
        try {
            Map<String, Suspension> read = new LinkedHashMap<>();
            repository.all().forEach(s -> read.put(s.routeId(), s));
            held = Map.copyOf(read);
            return held;
        } catch (RuntimeException e) {
            log.warn("Route suspensions not read ({}); none is applied until they are", Quarantine.reasonOf(e));
            held = null;
            return Map.of();
        }
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        if (!camel.getManagementStrategy().getEventNotifiers().contains(this)) {
            camel.getManagementStrategy().addEventNotifier(this);
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        // nothing: the routes' starts are heard as they happen
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof RouteStartedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Route route = ((RouteStartedEvent) event).getRoute();
        heldBy(route.getRouteId()).ifPresent(suspension -> suspender.execute(() -> keepSuspended(route, suspension)));
    }

    private void keepSuspended(Route route, Suspension suspension) {
        String routeId = route.getRouteId();
        RouteController routes = route.getCamelContext().getRouteController();
        try {
            // The event comes while Camel is still finishing the start: wait for the route to be
            // Started, or it would be left running.
            long deadline = System.nanoTime() + START_WAIT.toNanos();
            ServiceStatus status = routes.getRouteStatus(routeId);
            while (status != ServiceStatus.Started
                    && status != ServiceStatus.Suspended
                    && (status == null || !status.isStopping())
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
                status = routes.getRouteStatus(routeId);
            }
            if (status == ServiceStatus.Started && isHeld(routeId)) {
                routes.suspendRoute(routeId);
                log.info(
                        "Route {} stays suspended: suspended by {} at {}; resume it on the ops page",
                        routeId,
                        suspension.suspendedBy(),
                        suspension.suspendedAt());
            } else if (status != ServiceStatus.Suspended) {
                log.warn("Route {} is held suspended but was {} when it should have been suspended", routeId, status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Route {} is held suspended but could not be suspended: {}", routeId, e.toString());
        }
    }
}

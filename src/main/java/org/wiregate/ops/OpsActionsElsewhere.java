package org.wiregate.ops;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.wiregate.cluster.AnnouncedElsewhere;
import org.wiregate.cluster.Announcement;
import org.wiregate.cluster.Topic;
import org.wiregate.ingest.RouteSuspensions;
import org.wiregate.source.MappingRegistry;

/**
 * An operator's route action or mapping reload made on another instance, applied here. A route
 * action only moves a route this instance runs: suspend a started one, resume a suspended one,
 * restart a started or suspended one. A route stopped here (another instance leads its source)
 * stays stopped, so an action elsewhere never makes a second poller. Applied on a thread of its
 * own: stopping a route waits for its in-flight files, and the listener must not wait with it.
 */
@Component
class OpsActionsElsewhere {

    private static final Logger log = LoggerFactory.getLogger(OpsActionsElsewhere.class);

    private final CamelContext camel;
    private final MappingRegistry mappings;
    private final RouteSuspensions suspensions;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ops-actions-elsewhere");
        thread.setDaemon(true);
        return thread;
    });

    OpsActionsElsewhere(CamelContext camel, MappingRegistry mappings, RouteSuspensions suspensions) {
        this.camel = camel;
        this.suspensions = suspensions;
        this.mappings = mappings;
    }

    @PreDestroy
    void stopWorker() {
        worker.shutdownNow();
    }

    @EventListener
    void onAnnouncedElsewhere(AnnouncedElsewhere event) {
        Announcement announcement = event.announcement();
        if (event.is(Topic.ROUTE)) {
            worker.execute(() -> route(announcement));
        } else if (event.is(Topic.MAPPINGS)) {
            worker.execute(() -> reloadMappings(announcement));
        }
    }

    /** Applies a route action heard from another instance. */
    void route(Announcement announcement) {
        String routeId = announcement.subject();
        suspensions.reload(); // the acting instance kept the suspension, or released it, before announcing
        if (camel.getRoute(routeId) == null) {
            log.info(
                    "ops: {} of route {} on instance {}: no such route here",
                    announcement.detail(),
                    routeId,
                    announcement.from());
            return;
        }
        ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
        try {
            switch (announcement.detail()) {
                case "suspend" -> {
                    if (status == ServiceStatus.Started) {
                        camel.getRouteController().suspendRoute(routeId);
                    }
                }
                case "resume" -> {
                    if (status == ServiceStatus.Suspended) {
                        camel.getRouteController().resumeRoute(routeId);
                    }
                }
                case "restart" -> {
                    if (status == ServiceStatus.Started || status == ServiceStatus.Suspended) {
                        camel.getRouteController().stopRoute(routeId);
                        camel.getRouteController().startRoute(routeId);
                    }
                }
                default -> {
                    log.warn(
                            "ops: unknown route action '{}' from instance {}",
                            announcement.detail(),
                            announcement.from());
                    return;
                }
            }
            log.info(
                    "ops: route {} {} here after instance {} did (it was {}, now {})",
                    routeId,
                    announcement.detail(),
                    announcement.from(),
                    status,
                    camel.getRouteController().getRouteStatus(routeId));
        } catch (Exception e) {
            log.warn(
                    "ops: {} of route {} (from instance {}) failed here: {}",
                    announcement.detail(),
                    routeId,
                    announcement.from(),
                    e.getMessage());
        }
    }

    private void reloadMappings(Announcement announcement) {
        try {
            log.info(
                    "ops: mappings reloaded here after instance {} did; changed: {}",
                    announcement.from(),
                    mappings.reload());
        } catch (RuntimeException e) {
            log.warn(
                    "ops: mappings not reloaded here after instance {} did (the loaded ones stay): {}",
                    announcement.from(),
                    e.getMessage());
        }
    }
}

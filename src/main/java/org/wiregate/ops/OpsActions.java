package org.wiregate.ops;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;
import org.wiregate.cluster.ClusterBus;
import org.wiregate.cluster.Topic;
import org.wiregate.edition.EditionDecisions;
import org.wiregate.ingest.Quarantine;
import org.wiregate.ingest.Replay;
import org.wiregate.ingest.RouteSuspensions;
import org.wiregate.source.MappingRegistry;
import org.wiregate.store.Rejections;
import org.wiregate.web.OperatorAuth;

/**
 * The ops page's forms: route control, mapping reload, replay and discard of rejections, edition
 * suggestions. Route actions and the mapping reload are announced to the other instances, which
 * apply them too ({@link OpsActionsElsewhere}). Each answers 303 See Other back to {@code /ops} with a message saying what happened
 * (post/redirect/get: a reload of the page never repeats an action). Unknown ids are 404s.
 */
@Controller
class OpsActions {

    private static final Logger log = LoggerFactory.getLogger(OpsActions.class);

    private final CamelContext camel;
    private final MappingRegistry mappings;
    private final Replay replays;
    private final Rejections rejections;
    private final EditionDecisions editions;
    private final Clock clock;
    private final ClusterBus cluster;
    private final RouteSuspensions suspensions;

    OpsActions(
            CamelContext camel,
            MappingRegistry mappings,
            Replay replays,
            Rejections rejections,
            EditionDecisions editions,
            Clock clock,
            ClusterBus cluster,
            RouteSuspensions suspensions) {
        this.cluster = cluster;
        this.suspensions = suspensions;
        this.camel = camel;
        this.mappings = mappings;
        this.replays = replays;
        this.rejections = rejections;
        this.editions = editions;
        this.clock = clock;
    }

    @PostMapping("/ops/do/routes/{routeId}/{action}")
    RedirectView route(
            @PathVariable String routeId,
            @PathVariable String action,
            Principal operator,
            RedirectAttributes redirect) {
        if (camel.getRoute(routeId) == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no route " + routeId);
        }
        String done = switch (action) {
            case "suspend" -> "suspended";
            case "resume" -> "resumed";
            case "restart" -> "restarted";
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no route action " + action);
        };
        try {
            // The suspension is kept first and released first: a restart of the gateway, or another
            // instance taking the source over, finds the route as the operator left it.
            switch (action) {
                case "suspend" -> {
                    suspensions.hold(routeId, operator.getName(), clock.instant());
                    try {
                        camel.getRouteController().suspendRoute(routeId);
                    } catch (Exception e) {
                        suspensions.release(routeId); // not suspended: nothing to keep
                        throw e;
                    }
                }
                case "resume" -> {
                    suspensions.release(routeId);
                    camel.getRouteController().resumeRoute(routeId);
                }
                default -> {
                    suspensions.release(routeId);
                    camel.getRouteController().stopRoute(routeId);
                    camel.getRouteController().startRoute(routeId);
                }
            }
        } catch (Exception e) {
            log.warn("ops: {} of route {} by {} failed: {}", action, routeId, operator.getName(), e.getMessage());
            return back(redirect, "Route " + routeId + " not " + done + ": " + Quarantine.reasonOf(e));
        }
        log.info("ops: route {} {} by {}", routeId, done, operator.getName());
        cluster.announce(Topic.ROUTE, routeId, action);
        return back(redirect, "Route " + routeId + " " + done + (cluster.enabled() ? " on every instance" : ""));
    }

    @PostMapping("/ops/do/mappings/reload")
    RedirectView reloadMappings(Principal operator, RedirectAttributes redirect) {
        try {
            List<String> changed = mappings.reload();
            log.info("ops: mappings reloaded by {}; changed: {}", operator.getName(), changed);
            cluster.announce(Topic.MAPPINGS, "", "reload");
            return back(
                    redirect,
                    "Mappings reloaded" + (cluster.enabled() ? " on every instance" : "") + "; changed: " + changed);
        } catch (RuntimeException e) {
            log.warn("ops: mappings not reloaded (the loaded ones stay): {}", e.getMessage());
            return back(redirect, "Mappings not reloaded (the loaded mappings stay in use): " + e.getMessage());
        }
    }

    @PostMapping("/ops/do/quarantine/{id}/replay")
    RedirectView replay(@PathVariable long id, Principal operator, RedirectAttributes redirect) {
        try {
            Replay.Outcome outcome = replays.replay(id);
            log.info(
                    "ops: rejection {} replayed by {}: {}",
                    id,
                    operator.getName(),
                    outcome.processed() ? "processed" : "rejected again");
            return back(
                    redirect,
                    "Replayed rejection " + id + ": "
                            + (outcome.processed() ? "processed" : "rejected again: " + outcome.reason()));
        } catch (ResponseStatusException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                throw e;
            }
            return back(redirect, "Rejection " + id + " not replayed: " + e.getReason());
        }
    }

    @PostMapping("/ops/do/quarantine/{id}/discard")
    RedirectView discard(@PathVariable long id, Principal operator, RedirectAttributes redirect) {
        if (rejections.find(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no rejection " + id);
        }
        boolean discarded = rejections.discard(id, clock.instant());
        log.info("ops: rejection {} discarded by {}", id, operator.getName());
        return back(
                redirect,
                discarded
                        ? "Discarded rejection " + id + " (its bytes are kept)"
                        : "Rejection " + id + " was already discarded");
    }

    @PostMapping("/ops/do/editions/{id}/confirm")
    RedirectView confirm(@PathVariable long id, Principal operator, RedirectAttributes redirect) {
        try {
            String group = editions.confirm(id, OperatorAuth.actor(operator.getName()));
            return back(redirect, "Confirmed suggestion " + id + ": linked in group " + group);
        } catch (ResponseStatusException e) {
            return refused(e, redirect, "Suggestion " + id + " not confirmed: ");
        }
    }

    @PostMapping("/ops/do/editions/{id}/reject")
    RedirectView reject(@PathVariable long id, Principal operator, RedirectAttributes redirect) {
        try {
            editions.reject(id, OperatorAuth.actor(operator.getName()));
            return back(redirect, "Rejected suggestion " + id + ": kept apart");
        } catch (ResponseStatusException e) {
            return refused(e, redirect, "Suggestion " + id + " not rejected: ");
        }
    }

    private static RedirectView refused(ResponseStatusException e, RedirectAttributes redirect, String prefix) {
        if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
            throw e;
        }
        return back(redirect, prefix + e.getReason());
    }

    private static RedirectView back(RedirectAttributes redirect, String message) {
        redirect.addFlashAttribute("message", message);
        RedirectView view = new RedirectView("/ops", true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setExposeModelAttributes(false);
        return view;
    }
}

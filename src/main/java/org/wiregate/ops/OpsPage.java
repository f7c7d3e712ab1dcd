package org.wiregate.ops;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.wiregate.edition.EditionDecisions;
import org.wiregate.ingest.InboxHealthIndicator;
import org.wiregate.ingest.RouteSuspensions;
import org.wiregate.leadership.SourceLeadership;
import org.wiregate.source.MappingRegistry;
import org.wiregate.source.SourceMapping;
import org.wiregate.source.Transport;
import org.wiregate.store.OpsQueries;
import org.wiregate.store.PayloadRepository;
import org.wiregate.store.Rejection;
import org.wiregate.store.Rejections;
import org.wiregate.web.OpsTable;

/**
 * The operator page at {@code /ops} (form login, role OPERATOR): sources with their inbox, store
 * and quarantine figures and a 24-hour chart, Camel routes, mapping reload, the quarantine and
 * open edition suggestions, then the tables other features contribute ({@link OpsTable}: partners,
 * webhook endpoints). Server-rendered; the actions are plain forms ({@link OpsActions}).
 */
@Controller
class OpsPage {

    static final int HOURS = 24;
    static final int QUARANTINE_ROWS = 100;
    static final int PAYLOAD_VIEW_LIMIT = 64 * 1024;
    private static final int CHART_HEIGHT = 30;
    private static final int BAR_STEP = 5;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00 'UTC'").withZone(ZoneOffset.UTC);

    /** One bar of a source's chart. */
    record Bar(int x, int y, int height, String title) {}

    record SourceRow(
            String id,
            String name,
            String status,
            long waiting,
            long quarantined,
            long payloads,
            long articles,
            long rejections,
            String lastItem,
            String lastItemAge,
            String lastError,
            String polledBy,
            List<Bar> bars) {}

    /** {@code held}: who suspended the route and when, if an operator holds it suspended; else empty. */
    record RouteRow(String id, String state, String held) {}

    record RejectionRow(long id, String source, String file, String item, String reason, String time, boolean kept) {}

    private final MappingRegistry mappings;
    private final InboxHealthIndicator inboxHealth;
    private final OpsQueries queries;
    private final Rejections rejections;
    private final PayloadRepository payloads;
    private final EditionDecisions editions;
    private final CamelContext camel;
    private final Clock clock;
    private final SourceLeadership sourceLeadership;
    private final List<OpsTable> tables;
    private final RouteSuspensions suspensions;

    OpsPage(
            MappingRegistry mappings,
            InboxHealthIndicator inboxHealth,
            OpsQueries queries,
            Rejections rejections,
            PayloadRepository payloads,
            EditionDecisions editions,
            CamelContext camel,
            Clock clock,
            SourceLeadership sourceLeadership,
            RouteSuspensions suspensions,
            List<OpsTable> tables) {
        this.suspensions = suspensions;
        this.tables = tables.stream()
                .sorted(Comparator.comparingInt(OpsTable::order).thenComparing(OpsTable::id))
                .toList();
        this.mappings = mappings;
        this.inboxHealth = inboxHealth;
        this.queries = queries;
        this.rejections = rejections;
        this.payloads = payloads;
        this.editions = editions;
        this.camel = camel;
        this.clock = clock;
        this.sourceLeadership = sourceLeadership;
    }

    @GetMapping({"/ops", "/ops/"})
    String page(Model model, Principal operator) {
        model.addAttribute("operator", operator == null ? "" : operator.getName());
        model.addAttribute("sources", sources());
        model.addAttribute("routes", routes());
        model.addAttribute(
                "rejections",
                rejections.recent(QUARANTINE_ROWS).stream().map(OpsPage::row).toList());
        model.addAttribute("suggestions", editions.openSuggestions());
        model.addAttribute("tables", tables);
        model.addAttribute("now", TIME.format(clock.instant()));
        return "ops";
    }

    /** The kept bytes of a rejection as text: UTF-8 (malformed bytes replaced), escaped by the template, at most 64 KB. */
    @GetMapping("/ops/do/quarantine/{id}")
    String payload(@PathVariable long id, Model model) {
        Rejection rejection = rejections
                .find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no rejection " + id));
        model.addAttribute("rejection", row(rejection));
        byte[] content = rejection.payloadId() == null
                ? null
                : payloads.content(rejection.payloadId()).orElse(null);
        if (content != null) {
            int shown = Math.min(content.length, PAYLOAD_VIEW_LIMIT);
            model.addAttribute("text", new String(content, 0, shown, StandardCharsets.UTF_8));
            model.addAttribute("size", content.length);
            model.addAttribute("truncated", shown < content.length);
        }
        return "ops-payload";
    }

    private List<SourceRow> sources() {
        Map<String, ?> inbox = inboxSources();
        Map<String, Long> payloadCounts = queries.payloadsBySource();
        Map<String, Long> articleCounts = queries.articlesBySource();
        Map<String, Long> rejectionCounts = queries.rejectionsBySource();
        Map<String, Instant> lastStored = queries.lastStoredBySource();
        Map<String, String> lastErrors = queries.lastRejectionBySource();
        Instant now = clock.instant();
        Map<String, long[]> perHour = queries.storedPerHour(now, HOURS);
        List<SourceRow> rows = new ArrayList<>();
        for (SourceMapping mapping : mappings.all()) {
            String id = mapping.id();
            long waiting = inboxCount(inbox.get(id), "waiting");
            long quarantined = inboxCount(inbox.get(id), "quarantined");
            String status = quarantined > 0 ? "quarantined" : waiting > 0 ? "waiting" : "ok";
            Instant last = lastStored.get(id);
            rows.add(new SourceRow(
                    id,
                    mapping.name(),
                    status,
                    waiting,
                    quarantined,
                    payloadCounts.getOrDefault(id, 0L),
                    articleCounts.getOrDefault(id, 0L),
                    rejectionCounts.getOrDefault(id, 0L),
                    last == null ? "" : TIME.format(last),
                    last == null ? "never" : age(Duration.between(last, now)),
                    lastErrors.getOrDefault(id, ""),
                    polledBy(mapping),
                    bars(perHour.getOrDefault(id, new long[HOURS]), now)));
        }
        return rows;
    }

    /** Which instance polls the source (its leader) and since when; pushes are taken by any instance. */
    private String polledBy(SourceMapping mapping) {
        if (!mapping.transport().enabled()) {
            return "";
        }
        if (mapping.transport().type() == Transport.Type.HTTP_PUSH) {
            return "any instance (push)";
        }
        try {
            return sourceLeadership
                    .leaderOf(mapping.id())
                    .map(leader -> leader.instanceId() + " since " + TIME.format(leader.since()))
                    .orElse("nobody (takeover pending)");
        } catch (RuntimeException e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, ?> inboxSources() {
        Object sources = inboxHealth.health().getDetails().get("sources");
        return sources instanceof Map<?, ?> map ? (Map<String, ?>) map : Map.of();
    }

    private static long inboxCount(Object source, String key) {
        return source instanceof Map<?, ?> counts && counts.get(key) instanceof Number n ? n.longValue() : 0;
    }

    private static List<Bar> bars(long[] counts, Instant now) {
        long max = 1;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        Instant firstHour = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS - 1));
        List<Bar> bars = new ArrayList<>(HOURS);
        for (int i = 0; i < HOURS; i++) {
            int height = counts[i] == 0 ? 0 : (int) Math.max(1, Math.round(counts[i] * (double) CHART_HEIGHT / max));
            bars.add(new Bar(
                    i * BAR_STEP,
                    CHART_HEIGHT - height,
                    height,
                    HOUR.format(firstHour.plus(Duration.ofHours(i))) + ": " + counts[i] + " stored"));
        }
        return bars;
    }

    private List<RouteRow> routes() {
        return camel.getRoutes().stream()
                .map(Route::getRouteId)
                .sorted(Comparator.naturalOrder())
                .map(id -> new RouteRow(id, state(camel.getRouteController().getRouteStatus(id)), heldText(id)))
                .toList();
    }

    private String heldText(String routeId) {
        return suspensions
                .heldBy(routeId)
                .map(s -> "suspended by " + s.suspendedBy() + " at " + TIME.format(s.suspendedAt()))
                .orElse("");
    }

    private static String state(ServiceStatus status) {
        return status == null ? "Stopped" : status.name();
    }

    private static RejectionRow row(Rejection r) {
        return new RejectionRow(
                r.id(),
                r.source(),
                r.fileName(),
                r.itemRef() == null ? "" : r.itemRef(),
                r.reason(),
                TIME.format(r.rejectedAt()),
                r.payloadId() != null);
    }

    static String age(Duration age) {
        if (age.isNegative() || age.toMinutes() < 1) {
            return "just now";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min ago";
        }
        if (age.toDays() < 2) {
            return age.toHours() + " h ago";
        }
        return age.toDays() + " d ago";
    }
}

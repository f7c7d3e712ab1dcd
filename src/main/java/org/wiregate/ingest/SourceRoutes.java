package org.wiregate.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.wiregate.leadership.SourceLeadership;
import org.wiregate.source.MappingRegistry;
import org.wiregate.source.SourceMapping;
import org.wiregate.source.Transport;

/**
 * One {@code ingest-<source>} route per mapping file, from the template in routes/ingest.yaml that
 * matches the mapping's transport ({@code file-drop}, {@code ftp-pull}, {@code http-poll},
 * {@code http-push}). Inbox folders without a mapping are reported, never silently ignored.
 * Clustered, the routes of pulled sources are created stopped and run while this instance leads
 * the source ({@link SourceLeadership}); pushes are taken by every instance.
 */
@Component
public class SourceRoutes implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SourceRoutes.class);

    private final MappingRegistry mappings;
    private final Inbox inbox;
    private final TransportCredentials credentials;
    private final SourceLeadership leadership;
    /** Source to why its route could not be created from its template: nothing ingests its copy. */
    private final Map<String, String> notCreated = new ConcurrentHashMap<>();

    /** Route id to source, for the routes that run only while this instance leads their source. */
    private final Map<String, String> ledRoutes = new ConcurrentHashMap<>();

    private final Duration settleTime;
    private final List<Runnable> toFollow = Collections.synchronizedList(new ArrayList<>());
    private final long defaultPollInterval;

    public SourceRoutes(
            MappingRegistry mappings,
            Inbox inbox,
            TransportCredentials credentials,
            SourceLeadership leadership,
            @Value("${gateway.ingest.settle-time:2s}") Duration settleTime,
            @Value("${gateway.ingest.poll-interval:1000}") long defaultPollInterval) {
        this.mappings = mappings;
        this.inbox = inbox;
        this.credentials = credentials;
        this.leadership = leadership;
        this.settleTime = settleTime;
        this.defaultPollInterval = defaultPollInterval;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // routes/*.yaml (and with them the template) are loaded during start; instances come after
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        createFolder(inbox.root());
        for (SourceMapping mapping : mappings.all()) {
            Transport transport = mapping.transport();
            if (!transport.enabled()) {
                log.info(
                        "source '{}': transport {} disabled in {}; no ingest route",
                        mapping.id(),
                        transport.type().yamlName(),
                        mappings.fileOf(mapping.id()));
                continue;
            }
            if (transport.type() == Transport.Type.FILE) {
                createFolder(inbox.folderOf(mapping.id()));
            }
            try {
                TemplatedRouteBuilder route = TemplatedRouteBuilder.builder(camelContext, templateOf(transport.type()))
                        .routeId("ingest-" + mapping.id())
                        .parameter("source", mapping.id());
                parameters(mapping, transport).forEach(route::parameter);
                boolean led = leadership.clustered() && transport.type() != Transport.Type.HTTP_PUSH;
                if (led) {
                    route.parameter("autoStartup", "false");
                }
                String routeId = route.add();
                if (led) {
                    String source = mapping.id();
                    ledRoutes.put(routeId, source);
                    toFollow.add(() -> follow(camelContext, source, routeId));
                }
            } catch (Exception e) {
                // Thrown from here, Camel only logged it and the gateway started without any ingest route.
                // The other sources go on; this one is named in the sourceRoutes health (overall DOWN)
                // and counted for the WiregateSourceRouteMissing alert. Not in readiness: instances
                // share their mappings, and taking all out of the balancer would stop the feeds too.
                String reason = rootMessage(e);
                notCreated.put(mapping.id(), reason);
                log.error("source '{}': no ingest route, the route cannot be created: {}", mapping.id(), reason, e);
                continue;
            }
            log.info(
                    "source '{}': ingest-{} takes copy from {}{}",
                    mapping.id(),
                    mapping.id(),
                    transport.describe(mapping.id()),
                    leadership.clustered() && transport.type() != Transport.Type.HTTP_PUSH
                            ? " while this instance leads the source"
                            : "");
        }
        List<String> unmapped = unmappedFolders();
        unmapped.forEach(folder -> log.warn(
                "{}: inbox folder has no mapping (mappings/{}.yaml); its files are not ingested",
                inbox.folderOf(folder),
                folder));
    }

    /** Sources whose ingest route could not be created, with the reason (SourceRoutesHealthIndicator). */
    public Map<String, String> notCreated() {
        return Map.copyOf(notCreated);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * Competes for the pulled sources once the application is ready, not while Camel starts: a
     * route started by a leadership thread while the supervising route controller was still
     * starting the others left the pipeline routes stopped.
     */
    @EventListener(ApplicationReadyEvent.class)
    void competeForSources() {
        List<Runnable> pending;
        synchronized (toFollow) {
            pending = List.copyOf(toFollow);
            toFollow.clear();
        }
        pending.forEach(Runnable::run);
    }

    /** The source's route runs while this instance leads the source: one poller in the cluster. */
    private void follow(CamelContext camel, String source, String routeId) {
        leadership.follow(
                source,
                () -> {
                    try {
                        camel.getRouteController().startRoute(routeId);
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot start " + routeId, e);
                    }
                },
                () -> {
                    try {
                        // Graceful: the file in hand is finished (its polls already stopped at the lease check).
                        camel.getRouteController().stopRoute(routeId);
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot stop " + routeId, e);
                    }
                });
    }

    /**
     * Whether the route is a pulled source's poller held stopped because another instance leads the
     * source: stopped on purpose, not down (the route alerts tell the two apart).
     */
    public boolean standsBy(String routeId) {
        String source = ledRoutes.get(routeId);
        return source != null && !leadership.isLeader(source);
    }

    static String templateOf(Transport.Type type) {
        return switch (type) {
            case FILE -> "file-drop";
            case FTP, FTPS -> "ftp-pull";
            case HTTP_POLL -> "http-poll";
            case HTTP_PUSH -> "http-push";
        };
    }

    /** The template parameters of a source's transport; wiring only, the template says what they do. */
    Map<String, Object> parameters(SourceMapping mapping, Transport transport) {
        Map<String, Object> p = new LinkedHashMap<>();
        switch (transport.type()) {
            case FILE -> {}
            case FTP, FTPS -> {
                String directory = transport.relativeDirectory();
                p.put("scheme", transport.type().yamlName());
                p.put("host", transport.host());
                p.put("port", transport.portOrDefault());
                p.put("directory", directory);
                p.put("username", credentials.require(transport.usernameEnv()));
                p.put("password", credentials.require(transport.passwordEnv()));
                p.put("passive", transport.passive());
                p.put("delay", pollIntervalOf(transport).toMillis());
                p.put("connectTimeout", transport.connectTimeoutOrDefault().toMillis());
                p.put("soTimeout", transport.readTimeoutOrDefault().toMillis());
                long settle = Math.max(1, settleTime.toMillis());
                p.put("settle", settle);
                p.put("readLockTimeout", Math.max(settle * 10, 30_000));
                p.put("origin", transport.describe(mapping.id()));
                if (transport.type() == Transport.Type.FTPS) {
                    // explicit TLS on the control channel, and a private (encrypted) data channel
                    p.put("execPbsz", 0);
                    p.put("execProt", "P");
                }
                switch (transport.afterRead()) {
                    case MOVE -> {
                        p.put("move", ".done/${file:name}");
                        p.put("moveFailed", ".error/${file:name}");
                    }
                    case DELETE -> {
                        p.put("delete", true);
                        p.put("moveFailed", ".error/${file:name}");
                    }
                    // read once per run (in-memory idempotent repository); left as it is, even on failure
                    case KEEP -> p.put("noop", true);
                }
            }
            case HTTP_POLL -> {
                p.put("period", pollIntervalOf(transport).toMillis());
                p.put("origin", transport.describe(mapping.id()));
            }
            case HTTP_PUSH -> p.put("origin", transport.describe(mapping.id()));
        }
        return p;
    }

    private Duration pollIntervalOf(Transport transport) {
        return transport.pollInterval() != null ? transport.pollInterval() : Duration.ofMillis(defaultPollInterval);
    }

    /** Folders in the inbox that no mapping claims: copy dropped there would wait forever. */
    public List<String> unmappedFolders() {
        if (!Files.isDirectory(inbox.root())) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(inbox.root())) {
            return folders.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .filter(name -> mappings.find(name).isEmpty())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create inbox folder " + folder, e);
        }
    }
}

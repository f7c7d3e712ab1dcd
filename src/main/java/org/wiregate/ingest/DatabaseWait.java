package org.wiregate.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.wiregate.store.StoreFailures;

/**
 * How ingest waits out a database that is away (routes/errors.yaml): such a failure is not the
 * copy's fault, so the payload is tried again, with a growing pause, until the database answers;
 * a file stays in its inbox folder meanwhile and is never quarantined for it. Pushed copy is the
 * exception: the agency is still waiting on the request, so it gets a 503 and sends again.
 */
@Component("databaseWait")
public class DatabaseWait implements Processor {

    private static final Logger log = LoggerFactory.getLogger(DatabaseWait.class);

    /** The value of header {@code gatewayTransport} on pushed copy (set by {@link PushController}). */
    public static final String PUSH = "push";

    private final MeterRegistry registry;

    public DatabaseWait(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The failure means the database is away: do not quarantine, whatever the transport. */
    public boolean isTransient(Exception failure) {
        return StoreFailures.isTransient(failure);
    }

    /** Wait and try again: the database is away and nobody is holding a request open for the answer. */
    public boolean waits(Exception failure, String transport) {
        return !PUSH.equals(transport) && StoreFailures.isTransient(failure);
    }

    /** Called before each new attempt, after the pause: a line naming the copy, and a counter per source. */
    @Override
    public void process(Exchange exchange) {
        String source = exchange.getMessage().getHeader("gatewaySource", "?", String.class);
        String origin = exchange.getMessage().getHeader("gatewayOrigin", String.class);
        String file = origin != null ? origin : exchange.getMessage().getHeader(Exchange.FILE_NAME, "?", String.class);
        int attempt = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        log.warn(
                "{} [{}]: database unavailable ({}); trying again, attempt {}; the copy waits where it is",
                file,
                source,
                cause == null ? "unknown" : Quarantine.reasonOf(cause),
                attempt + 1);
        Counter.builder("wiregate.ingest.database.waits")
                .description("Payloads tried again because the database was away, by source")
                .tag("source", source)
                .register(registry)
                .increment();
    }
}

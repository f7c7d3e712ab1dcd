package org.wiregate.ingest;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.springframework.stereotype.Component;
import org.wiregate.leadership.SourceLeadership;

/**
 * The lease check before each poll of a pulled source ({@code sourcePolling} in routes/ingest.yaml):
 * the file and FTP consumers' poll strategy, and the filter of the HTTP poll timer. A poll happens
 * only while this instance leads the source with time left on its lease, so a leader that lost its
 * lease stops polling before the next leader starts, even before its route is stopped. A source
 * whose route an operator suspended is not polled either ({@link RouteSuspensions}).
 */
@Component("sourcePolling")
public class SourcePolling implements PollingConsumerPollStrategy {

    static final String ROUTE_PREFIX = "ingest-";

    private final SourceLeadership leadership;
    private final RouteSuspensions suspensions;
    private final PollingConsumerPollStrategy camelDefault = new DefaultPollingConsumerPollStrategy();

    public SourcePolling(SourceLeadership leadership, RouteSuspensions suspensions) {
        this.leadership = leadership;
        this.suspensions = suspensions;
    }

    /**
     * For the HTTP poll timer: may this instance poll the source now? Not while an operator holds its
     * route suspended: between a route's start and its suspension again, no poll slips through.
     */
    public boolean mayPoll(String source) {
        return !suspensions.isHeld(ROUTE_PREFIX + source) && leadership.mayPoll(source);
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        String routeId = consumer instanceof RouteIdAware aware ? aware.getRouteId() : null;
        if (routeId == null || !routeId.startsWith(ROUTE_PREFIX)) {
            return true; // not a source's poller
        }
        return mayPoll(routeId.substring(ROUTE_PREFIX.length()));
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        // nothing to do: the pipeline commits each file on its own
    }

    /** As Camel's default strategy: log, and try again at the next poll. */
    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) throws Exception {
        return camelDefault.rollback(consumer, endpoint, retryCounter, cause);
    }
}

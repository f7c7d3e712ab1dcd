package org.wiregate.publish;

import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;

/**
 * One finished answer for a feed page: the entity the MVC path returns, the same headers flattened
 * to name and value arrays for the fast path to copy onto the response, and the counters it adds to.
 */
record FeedAnswer(
        ResponseEntity<byte[]> entity,
        String[] headerNames,
        String[] headerValues,
        Counter requests,
        Counter bytes,
        int bodyLength) {

    FeedAnswer(ResponseEntity<byte[]> entity, Counter requests, Counter bytes, int bodyLength) {
        this(entity, names(entity), values(entity), requests, bytes, bodyLength);
    }

    /** wiregate_feed_requests_total and wiregate_feed_bytes_total for one answer sent. */
    void count() {
        requests.increment();
        bytes.increment(bodyLength);
    }

    int status() {
        return entity.getStatusCode().value();
    }

    byte[] body() {
        return entity.getBody();
    }

    private static String[] names(ResponseEntity<byte[]> entity) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : entity.getHeaders().entrySet()) {
            for (int i = 0; i < header.getValue().size(); i++) {
                names.add(header.getKey());
            }
        }
        return names.toArray(String[]::new);
    }

    private static String[] values(ResponseEntity<byte[]> entity) {
        List<String> values = new ArrayList<>();
        for (List<String> header : entity.getHeaders().values()) {
            values.addAll(header);
        }
        return values.toArray(String[]::new);
    }
}

package org.wiregate.cluster;

import java.util.Objects;

/**
 * One message between instances, sent as a NOTIFY payload (JSON, far below PostgreSQL's 8,000
 * bytes: ids only, never content; the receiver reads what it needs from the store).
 *
 * @param from    the sending instance's id, so an instance ignores its own messages
 * @param subject what changed (an article or route id), or empty
 * @param detail  more about the change (a store outcome, a route action), or empty
 */
public record Announcement(String from, Topic topic, String subject, String detail) {

    public Announcement {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(topic, "topic");
        subject = subject == null ? "" : subject;
        detail = detail == null ? "" : detail;
    }
}

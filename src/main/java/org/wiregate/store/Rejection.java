package org.wiregate.store;

import java.time.Instant;

/** A file or item the gateway could not publish, and why. */
public record Rejection(
        long id, String source, String fileName, Long payloadId, String itemRef, String reason, Instant rejectedAt) {}

package org.wiregate.store;

import java.time.Instant;

/**
 * A payload as kept in the store.
 *
 * @param alreadyProcessed true when these exact bytes from this source were processed before
 * @param receivedAt       when this copy of the bytes arrived
 */
public record CapturedPayload(long id, String sha256, boolean alreadyProcessed, Instant receivedAt) {}

package org.wiregate.ingest;

import java.util.List;

/** What one received file turned out to be, and the items in it (a feed carries many, ninjs one). */
public record ParsedPayload(WireFormat format, List<WireItem> items) {

    public ParsedPayload {
        items = List.copyOf(items);
    }
}

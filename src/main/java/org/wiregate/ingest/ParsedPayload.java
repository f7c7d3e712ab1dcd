package org.wiregate.ingest;

import java.util.List;

/**
 * What one received file turned out to be, and the items in it (a feed carries many, ninjs one).
 *
 * @param skipped what the file held that is not a text item (a package, a picture), each with a
 *                sentence saying so: a clear outcome, not an error
 */
public record ParsedPayload(WireFormat format, List<WireItem> items, List<String> skipped) {

    public ParsedPayload {
        items = List.copyOf(items);
        skipped = List.copyOf(skipped);
    }

    public ParsedPayload(WireFormat format, List<WireItem> items) {
        this(format, items, List.of());
    }
}

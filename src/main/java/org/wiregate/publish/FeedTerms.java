package org.wiregate.publish;

import java.time.Instant;

/** How contract terms show in RSS and Atom, the same in both. */
final class FeedTerms {

    /** The category scheme (Atom) and domain (RSS) marking an item shown before its embargo lapses. */
    static final String EMBARGO_SCHEME = "https://wiregate.dev/ns/embargo";

    private FeedTerms() {}

    /** "Embargoed until 2026-11-20T12:00:00Z": what a reader sees among the item's categories. */
    static String embargoLabel(Instant embargo) {
        return "Embargoed until " + JsonFeedWriter.rfc3339(embargo);
    }
}

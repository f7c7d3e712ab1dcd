package org.wiregate.publish;

import java.time.Instant;
import org.wiregate.article.Language;

/** One page of one feed: what the public cache, the contract renders and the assembler key on. */
record FeedPageKey(Language language, FeedSlice slice, FeedFormat format, int page) {

    /** Tag feeds nobody uses are rendered but not kept, so requests for random tags cannot fill a cache. */
    boolean worthKeeping(Instant lastModified) {
        return slice.kind() != FeedSlice.Kind.TAG || lastModified.isAfter(Instant.EPOCH);
    }
}

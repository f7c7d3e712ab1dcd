package org.wiregate.store;

/** What storing one article version did. */
public enum StoreOutcome {
    /** First version of the article. */
    CREATED,
    /** A newer version replaced the stored one in place, same id, revision + 1. */
    UPDATED,
    /** The same version again (a resend or a re-dropped file): nothing changed. */
    UNCHANGED,
    /** An older version arriving late: ignored. */
    STALE
}

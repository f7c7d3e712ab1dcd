package org.wiregate.cluster;

/** What an announcement is about; the receiving feature decides what to do with it. */
public enum Topic {
    /** An article version, kill or edition link was stored: subject is the article id. */
    ARTICLE,
    /** A partner contract, key or feed token changed: cached lookups are stale. */
    PARTNERS,
    /** An operator suspended, resumed or restarted a route: subject is the route id, detail the action. */
    ROUTE,
    /** An operator reloaded the mappings. */
    MAPPINGS
}

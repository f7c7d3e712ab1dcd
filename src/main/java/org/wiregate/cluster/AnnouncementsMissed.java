package org.wiregate.cluster;

/**
 * This instance (re)started listening, so it may have missed announcements while it was not:
 * every cache must be dropped whole, since nobody can say what changed meanwhile.
 */
public record AnnouncementsMissed(String reason) {}

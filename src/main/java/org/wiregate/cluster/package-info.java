/**
 * Instances of one gateway on one PostgreSQL database tell each other what changed (LISTEN/NOTIFY),
 * so every instance evicts what it caches within a second of a change made on another one. On H2
 * (one instance) nothing is sent and nothing listens. See docs/cluster.md.
 */
package org.wiregate.cluster;

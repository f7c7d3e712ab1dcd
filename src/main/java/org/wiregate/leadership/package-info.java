/**
 * Who this instance is and which roles it holds when several instances share one PostgreSQL
 * database: leases in the database (Spring Integration's JDBC lock registry), one poller per
 * pulled source, the scheduled jobs on one instance. On H2 every role is held here. It knows no
 * feature, so every layer may ask it. See docs/cluster.md and docs/operations.md.
 */
package org.wiregate.leadership;

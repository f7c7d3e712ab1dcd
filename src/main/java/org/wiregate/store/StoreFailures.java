package org.wiregate.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database that is away (restarting, unreachable, out of connections, busy resolving a
 * deadlock) from copy or code that is wrong. The first is waited out: the same work succeeds once
 * the database answers again, so the file stays in the inbox and nothing is quarantined for it.
 */
public final class StoreFailures {

    /**
     * SQLSTATEs of a database that is away or busy rather than of a bad statement: class 08
     * (connection exception), 40001 (serialization failure), 40P01 (deadlock), 57P01-57P03 (admin
     * shutdown, crash shutdown, cannot connect now), 53300 (too many connections), and H2's codes
     * for a connection broken (90067) or a database closed (90098, 90121).
     */
    private static final Set<String> AWAY_STATES =
            Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300", "90067", "90098", "90121");

    private StoreFailures() {}

    /** True when the failure, or any of its causes, says the database is away rather than the work wrong. */
    public static boolean isTransient(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException
                    // includes CannotGetJdbcConnectionException (pool timeout, connection refused)
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    // commit or rollback failed: the connection went away inside the transaction
                    || t instanceof TransactionSystemException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && awayState(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * The work's result, or while the database is away what {@code whileAway} makes of the failure;
     * any other failure is thrown on. For answers that must still be given during an outage (health).
     */
    public static <T> T orWhileAway(Supplier<T> work, Function<RuntimeException, T> whileAway) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (!isTransient(e)) {
                throw e;
            }
            return whileAway.apply(e);
        }
    }

    static boolean awayState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || AWAY_STATES.contains(sqlState));
    }
}

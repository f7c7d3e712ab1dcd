package org.wiregate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** What counts as the database being away (wait it out) and what as bad work (quarantine, error). */
class StoreFailuresTest {

    @Test
    void aDatabaseThatIsAwayIsTransientHoweverDeepItIsWrapped() {
        assertThat(StoreFailures.isTransient(new CannotGetJdbcConnectionException(
                        "Failed to obtain JDBC Connection", new SQLTransientConnectionException("pool timeout"))))
                .isTrue();
        assertThat(StoreFailures.isTransient(new CannotCreateTransactionException("Could not open JDBC Connection")))
                .isTrue();
        assertThat(StoreFailures.isTransient(new TransactionSystemException("JDBC rollback failed")))
                .isTrue();
        assertThat(StoreFailures.isTransient(new PessimisticLockingFailureException("deadlock detected")))
                .isTrue();
        // Camel wraps what a bean threw; the database's failure is a few causes down.
        assertThat(StoreFailures.isTransient(new RuntimeCamelException(new IllegalStateException(
                        "store failed", new TransactionSystemException("Could not commit JDBC transaction")))))
                .isTrue();
    }

    @Test
    void sqlStatesOfAServerGoingAwayAreTransientWhateverSpringCalledThem() {
        for (String state : new String[] {"08006", "08001", "57P01", "57P03", "40001", "40P01", "53300", "90121"}) {
            assertThat(StoreFailures.isTransient(
                            new UncategorizedSQLException("insert", "INSERT ...", new SQLException("gone", state))))
                    .as(state)
                    .isTrue();
        }
    }

    @Test
    void badWorkIsNotTransient() {
        assertThat(StoreFailures.isTransient(new DuplicateKeyException("duplicate key")))
                .isFalse();
        assertThat(StoreFailures.isTransient(new DataIntegrityViolationException("value too long")))
                .isFalse();
        assertThat(StoreFailures.isTransient(
                        new BadSqlGrammarException("select", "SELECT nope", new SQLException("syntax", "42601"))))
                .isFalse();
        assertThat(StoreFailures.isTransient(
                        new UncategorizedSQLException("insert", "INSERT ...", new SQLException("odd", "22021"))))
                .as("character not in repertoire: the copy, not the database")
                .isFalse();
        assertThat(StoreFailures.isTransient(new IllegalArgumentException("bad copy")))
                .isFalse();
        assertThat(StoreFailures.isTransient(null)).isFalse();
    }

    @Test
    void answersWhileAwayFallBackAndOtherFailuresGoOn() {
        assertThat(StoreFailures.orWhileAway(() -> "fresh", away -> "fallback")).isEqualTo("fresh");
        assertThat(StoreFailures.<String>orWhileAway(
                        () -> {
                            throw new CannotGetJdbcConnectionException("refused");
                        },
                        away -> "fallback: " + away.getMessage()))
                .isEqualTo("fallback: refused");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoreFailures.<String>orWhileAway(
                        () -> {
                            throw new DuplicateKeyException("dup");
                        },
                        away -> "fallback"))
                .isInstanceOf(DuplicateKeyException.class);
    }
}

package org.wiregate.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's data source with a switch: while {@link #goAway() away}, every request for a
 * connection fails as Hikari's does when the database does not answer within its timeout
 * ({@code SQLTransientConnectionException}, "Connection is not available"). Connections already
 * lent out keep working, as they would until their next statement on a real restart.
 */
public final class SwitchableDataSource extends DelegatingDataSource {

    private volatile boolean away;

    public SwitchableDataSource(DataSource target) {
        super(target);
    }

    /** Wraps the context's DataSource bean; declare as a static @Bean in a test configuration. */
    public static BeanPostProcessor wrapper() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource ds && !(bean instanceof SwitchableDataSource)
                        ? new SwitchableDataSource(ds)
                        : bean;
            }
        };
    }

    public void goAway() {
        away = true;
    }

    public void comeBack() {
        away = false;
    }

    @Override
    public Connection getConnection() throws SQLException {
        refuseWhileAway();
        return super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        refuseWhileAway();
        return super.getConnection(username, password);
    }

    private void refuseWhileAway() throws SQLTransientConnectionException {
        if (away) {
            throw new SQLTransientConnectionException(
                    "HikariPool-1 - Connection is not available, request timed out after 500ms (test: database away)",
                    "08001");
        }
    }
}

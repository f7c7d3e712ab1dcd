package org.wiregate.bench;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.wiregate.WiregateApplication;

/**
 * A gateway started in-process for a benchmark: on a free port, without the demo copy, logging
 * only warnings, on the given database and inbox.
 */
public final class BenchGateway {

    private BenchGateway() {}

    /** @param user and {@code password} may be null: the JDBC URL's defaults apply */
    public static ConfigurableApplicationContext start(Path inbox, String jdbcUrl, String user, String password) {
        return new SpringApplicationBuilder(WiregateApplication.class)
                .run(
                        "--server.port=0",
                        "--gateway.demo.enabled=false",
                        "--logging.level.root=WARN",
                        "--logging.level.org.wiregate=WARN",
                        "--gateway.inbox=" + inbox,
                        "--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=" + (user == null ? "sa" : user),
                        "--spring.datasource.password=" + (password == null ? "" : password));
    }

    /**
     * Waits for the gateway's start-up read of the edition window (a background thread that parses
     * every recent article's evidence on both cores) to finish, so what is measured next is the
     * gateway's steady state, not its first seconds. Returns the milliseconds waited.
     */
    public static long awaitEditionWindow(Duration max) throws InterruptedException {
        long started = System.nanoTime();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("edition-window-warm-up")) {
                thread.join(max.toMillis());
            }
        }
        return (System.nanoTime() - started) / 1_000_000;
    }
}

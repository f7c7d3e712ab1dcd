package org.wiregate.bench;

import java.nio.file.Path;
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
}

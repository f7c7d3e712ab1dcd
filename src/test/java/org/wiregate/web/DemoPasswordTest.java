package org.wiregate.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * The demo setup's generated ops password is written to a file only its owner can read and never
 * logged (issue 13, row 8: logs are shipped and kept; a password at WARN ends up in alerting).
 */
class DemoPasswordTest {

    @TempDir
    Path dir;

    @Test
    void theDemoPasswordGoesToAnOwnerOnlyFileNotTheLog() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(SecurityConfig.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            Path file = dir.resolve("data/ops-password");
            UserDetails operator = new SecurityConfig()
                    .operators("operator", "", true, file, new OperatorAuth(""))
                    .loadUserByUsername("operator");
            String password = Files.readString(file).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(16);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder()
                            .matches(password, operator.getPassword()))
                    .isTrue();
            assertThat(log.list).noneMatch(e -> e.getFormattedMessage().contains(password));
            assertThat(log.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
            assertThat(log.list)
                    .anyMatch(e -> e.getFormattedMessage()
                            .contains(file.toAbsolutePath().toString()));

            UserDetails again = new SecurityConfig()
                    .operators("operator", "", true, file, new OperatorAuth(""))
                    .loadUserByUsername("operator");
            assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder()
                            .matches(password, again.getPassword()))
                    .as("the same password after a restart")
                    .isTrue();
        } finally {
            logger.detachAppender(log);
        }
    }
}

package org.wiregate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.wiregate.support.RequiresPromtool;

/**
 * monitoring/alerts.yml as Prometheus reads it: {@code promtool check rules} (syntax, PromQL, templates)
 * and {@code promtool test rules monitoring/alerts-test.yml} (each alert fires on the series that should
 * fire it, at the time its {@code for} says, and not on look-alikes). Runs in every build; promtool
 * comes from Debian's prometheus package (./test installs it).
 */
@ExtendWith(RequiresPromtool.class)
class PromtoolRulesTest {

    @Test
    void rulesAreValid() throws Exception {
        Result check = promtool("check", "rules", "monitoring/alerts.yml");
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS");
    }

    @Test
    void rulesPassTheirUnitTests() throws Exception {
        Result test = promtool("test", "rules", "monitoring/alerts-test.yml");
        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    private record Result(int exit, String output) {}

    private static Result promtool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(RequiresPromtool.find().orElseThrow().toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", arguments) + " did not finish in 2 minutes");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println("promtool " + String.join(" ", arguments) + ":\n" + text);
        return new Result(process.exitValue(), text);
    }
}

package org.wiregate.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only when Prometheus's {@code promtool} is installed (Debian's {@code prometheus}
 * package; ./test installs it). Locally it may skip; under CI=true a missing promtool is a failure,
 * never a silent skip.
 */
public final class RequiresPromtool implements ExecutionCondition {

    /** promtool on the PATH, else Debian's /usr/bin/promtool. */
    public static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(":")).filter(dir -> !dir.isBlank()), Stream.of("/usr/bin"))
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Path> promtool = find();
        if (promtool.isPresent()) {
            return ConditionEvaluationResult.enabled("promtool at " + promtool.get());
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(
                    "CI=true but promtool is not installed: ./test installs it (apt-get install prometheus)");
        }
        return ConditionEvaluationResult.disabled("promtool not installed (apt-get install prometheus; ./test does)");
    }
}

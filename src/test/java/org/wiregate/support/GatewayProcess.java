package org.wiregate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The repackaged gateway jar ({@code -Dwiregate.jar}, set by failsafe) run as a child JVM, as an
 * operator runs it: its own port, the given properties as command-line arguments, its log in a file.
 * Unlike the in-process tests, it can be killed for real ({@link #kill}: SIGKILL on Linux).
 */
public final class GatewayProcess implements AutoCloseable {

    /** What a process killed by SIGKILL exits with on Linux (128 + 9). */
    public static final int SIGKILL_EXIT = 137;

    private final Process process;
    private final Path log;
    private final int port;

    private GatewayProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The jar failsafe passes in; fails clearly when run outside {@code ./mvnw verify}. */
    public static Path jar() {
        String jar = System.getProperty("wiregate.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property wiregate.jar must name the repackaged jar (it is '" + jar
                    + "'): run through ./mvnw verify, or ./mvnw -DskipTests package first");
        }
        return Path.of(jar).toAbsolutePath();
    }

    /**
     * Starts {@code java -Xmx512m -jar <jar>} in {@code workDir} with {@code properties} as
     * {@code --key=value} arguments and {@code server.port} set to a free port; stdout and stderr go
     * to {@code log}.
     */
    public static GatewayProcess start(Path workDir, Map<String, String> properties, Path log) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dfile.encoding=UTF-8",
                "-jar",
                jar().toString()));
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.putIfAbsent("gateway.ops.token", Http.OPS_TOKEN); // metrics() reads /actuator/prometheus
        all.put("server.port", Integer.toString(port));
        all.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            // A test JVM stopped half-way (Ctrl-C, a fork timeout) must not leave gateways running.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new GatewayProcess(process, log, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /**
     * Waits until the application answers HTTP at all (readiness 200, or 503 while Camel's consumers
     * have not polled yet): by then it is ingesting. A test that must act in the middle of a batch
     * waits for this rather than for readiness, which comes only after the first polls.
     */
    public void awaitAnswering(Duration timeout) {
        awaitUntil("before it answered", timeout, Duration.ofMillis(50), () -> {
            try {
                int status = Http.get(url("/actuator/health/readiness")).statusCode();
                return status == 200 || status == 503;
            } catch (IOException notYet) {
                return false; // not listening yet
            }
        });
    }

    /**
     * Polls {@code condition} until it holds. Fails at once, with the end of the log, when the process
     * exits meanwhile, and with the end of the log at the deadline.
     */
    public void awaitUntil(String when, Duration timeout, Duration every, Callable<Boolean> condition) {
        try {
            Awaitility.await(when)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(every)
                    .failFast("the gateway exited", () -> !process.isAlive())
                    .until(condition);
        } catch (TerminalFailureException exited) {
            throw new AssertionError(
                    "the gateway exited with " + process.exitValue() + " " + when + "\n" + tail(80), exited);
        } catch (ConditionTimeoutException late) {
            throw new AssertionError(late.getMessage() + "\n" + tail(60), late);
        }
    }

    /** The sum of every sample of a Prometheus counter whose labels contain {@code labelFilter}; 0 when absent. */
    public double counter(String name, String labelFilter) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = Http.asOperator(url("/actuator/prometheus"));
        if (response.statusCode() != 200) {
            throw new IOException("/actuator/prometheus answered " + response.statusCode());
        }
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = sample.matcher(new String(response.body(), StandardCharsets.UTF_8));
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains(labelFilter)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    /** SIGKILL (destroyForcibly on Linux): no shutdown hook, no in-flight file finished. Returns the exit code. */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the gateway (pid " + process.pid() + ") did not die within 30 s of SIGKILL");
        }
        return process.exitValue();
    }

    /** SIGTERM and a graceful shutdown (Camel finishes in-flight files); SIGKILL after {@code timeout}. */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "--- last " + Math.min(lines, all.size()) + " lines of " + log + " ---\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Kills the process if it still runs: for @AfterEach and finally blocks. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

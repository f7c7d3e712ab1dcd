package org.wiregate.edition;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CPU time (not wall-clock) of one {@link LinkingBenchmark} operation, measured on the
 * benchmark thread: on the shared machine the wall-clock figures mostly measure the other builds.
 * Arguments: windows; per window, 3 runs of 2 s after a 3-s warm-up, printed as one line each.
 */
public final class LinkingCpuTime {

    private LinkingCpuTime() {}

    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String arg : args) {
            LinkingBenchmark bench = new LinkingBenchmark();
            bench.window = Integer.parseInt(arg);
            bench.load();
            run(bench, threads, 3_000_000_000L);
            List<Double> runs = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                runs.add(run(bench, threads, 2_000_000_000L));
            }
            System.out.printf(
                    Locale.ROOT,
                    "cpu window=%d us-per-arrival=%s%n",
                    bench.window,
                    runs.stream()
                            .map(u -> String.format(Locale.ROOT, "%.0f", u))
                            .toList());
        }
    }

    /** Links arrivals until {@code cpuNanos} of this thread's CPU are spent; µs of CPU per arrival. */
    private static double run(LinkingBenchmark bench, ThreadMXBean threads, long cpuNanos) {
        long start = threads.getCurrentThreadCpuTime();
        long n = 0;
        long sink = 0;
        while (threads.getCurrentThreadCpuTime() - start < cpuNanos) {
            for (int i = 0; i < 10; i++) {
                sink += bench.linkOneArrival().matches().size();
            }
            n += 10;
        }
        if (sink < 0) {
            System.out.println(sink);
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1e3 / n;
    }
}

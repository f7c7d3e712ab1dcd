package org.wiregate.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Prints, as one JSON object, the size in bytes of the page each {@link RenderBenchmark} method
 * renders, so the report can show how much more the gateway writes than the bare baseline.
 * Run by bench/run.sh next to JMH; not a benchmark itself.
 */
public final class RenderSizes {

    private RenderSizes() {}

    public static void main(String[] args) throws Exception {
        RenderBenchmark bench = new RenderBenchmark();
        bench.build();
        Map<String, Callable<byte[]>> renders = new LinkedHashMap<>();
        renders.put("rssGateway", bench::rssGateway);
        renders.put("rssRome", bench::rssRome);
        renders.put("atomGateway", bench::atomGateway);
        renders.put("atomRome", bench::atomRome);
        renders.put("jsonGateway", bench::jsonGateway);
        renders.put("jsonJackson", bench::jsonJackson);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (Map.Entry<String, Callable<byte[]>> render : renders.entrySet()) {
            sizes.put(render.getKey(), render.getValue().call().length);
        }
        System.out.println(sizes.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}")));
    }
}

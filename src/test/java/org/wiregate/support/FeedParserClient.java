package org.wiregate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * python3-feedparser, the parser behind many aggregators, as an independent client. It runs
 * with Debian's own interpreter: the python3 first on PATH may be a build without Debian's modules.
 */
public final class FeedParserClient {

    private static final String PYTHON = System.getenv().getOrDefault("FEEDPARSER_PYTHON", "/usr/bin/python3");
    private static final String SCRIPT = """
            import feedparser, json, sys
            d = feedparser.parse(sys.argv[1], response_headers={"content-type": sys.argv[2]})
            print(json.dumps({
                "bozo": bool(d.bozo),
                "bozo_exception": str(d.get("bozo_exception", "")),
                "version": d.get("version", ""),
                "language": d.feed.get("language", ""),
                "title": d.feed.get("title", ""),
                "entries": [{"id": e.get("id", ""), "title": e.get("title", ""), "link": e.get("link", "")}
                            for e in d.entries],
            }, ensure_ascii=False))
            """;

    private FeedParserClient() {}

    /** Parses the feed as served, with the Content-Type the gateway sent (feedparser picks JSON Feed by it). */
    public static JsonNode parse(byte[] feed, String contentType, Path workDir)
            throws IOException, InterruptedException {
        Path file = Files.createTempFile(workDir, "feed", ".xml");
        Files.write(file, feed);
        Process process = new ProcessBuilder(PYTHON, "-c", SCRIPT, file.toString(), contentType)
                .redirectErrorStream(false)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(
                    "python3-feedparser failed (install it: apt-get install -y python3-feedparser): "
                            + new String(err, StandardCharsets.UTF_8));
        }
        return new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
    }
}

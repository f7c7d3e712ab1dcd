package org.wiregate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Many documents in one process: each RSS or Atom feed through feedparser; each JSON document
     * (JSON Feed, ninjs), which Debian's feedparser 6.0.10 cannot read, through Python's own json
     * module after strict UTF-8 decoding, as a second, independent JSON parser. Reports the same
     * fields as {@link #parse}; a JSON document's entries are its items, or the ninjs item itself.
     */
    private static final String BATCH_SCRIPT = """
            import feedparser, json, sys
            out = []
            for doc in json.load(open(sys.argv[1], encoding="utf-8")):
                data = open(doc["file"], "rb").read()
                if "json" in doc["type"]:
                    try:
                        value = json.loads(data.decode("utf-8"))
                        items = value["items"] if "items" in value else [
                            {"id": value["uri"], "title": value["headlines"][0]["value"]}]
                        out.append({"bozo": False, "bozo_exception": "", "version": "json",
                                    "entries": [{"id": i.get("id", ""), "title": i.get("title", "")} for i in items]})
                    except Exception as e:
                        out.append({"bozo": True, "bozo_exception": repr(e), "version": "json", "entries": []})
                    continue
                d = feedparser.parse(data, response_headers={"content-type": doc["type"]})
                out.append({
                    "bozo": bool(d.bozo),
                    "bozo_exception": str(d.get("bozo_exception", "")),
                    "version": d.get("version", ""),
                    "entries": [{"id": e.get("id", ""), "title": e.get("title", "")} for e in d.entries],
                })
            print(json.dumps(out))
            """;

    /** A document for {@link #parseAll}, with the Content-Type it is served with. */
    public record Document(byte[] body, String contentType) {}

    private FeedParserClient() {}

    /**
     * Parses every document in one python process (a property collects samples and checks them
     * once); the answers are in the order given. Fails, never skips, when feedparser is missing.
     */
    public static List<JsonNode> parseAll(List<Document> documents, Path workDir)
            throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        List<java.util.Map<String, String>> manifest = new ArrayList<>();
        for (Document document : documents) {
            Path file = Files.createTempFile(workDir, "doc", ".bin");
            Files.write(file, document.body());
            manifest.add(java.util.Map.of("file", file.toString(), "type", document.contentType()));
        }
        Path list = Files.createTempFile(workDir, "manifest", ".json");
        json.writeValue(list.toFile(), manifest);
        Process process = new ProcessBuilder(PYTHON, "-c", BATCH_SCRIPT, list.toString())
                .redirectErrorStream(false)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(
                    "python3-feedparser failed (install it: apt-get install -y python3-feedparser): "
                            + new String(err, StandardCharsets.UTF_8));
        }
        List<JsonNode> answers = new ArrayList<>();
        json.readTree(out).forEach(answers::add);
        if (answers.size() != documents.size()) {
            throw new IllegalStateException(documents.size() + " documents, " + answers.size() + " answers");
        }
        return answers;
    }

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

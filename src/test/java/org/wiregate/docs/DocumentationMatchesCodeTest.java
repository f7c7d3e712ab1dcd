package org.wiregate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README.md and docs/ point newcomers at files, classes and methods; when code moves, the pointers
 * must move with it. Checks every relative link, every {@code package/Class} or
 * {@code package/Class.method} in backticks, and every test class named. The example clients in
 * docs/examples (run against the gateway by PartnerClientExamplesTest) are quoted whole, byte for byte,
 * in a fenced block of the document that links them, so what a reader copies is what was tested.
 */
class DocumentationMatchesCodeTest {

    private static final Path MAIN = Path.of("src/main/java/org/wiregate");
    private static final Path TEST = Path.of("src/test/java/org/wiregate");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
    private static final Pattern CODE_REF =
            Pattern.compile("`([a-z]+(?:/[a-z]+)?)/([A-Z][A-Za-z0-9]*)(?:\\.([a-z][A-Za-z0-9]*))?`");
    private static final Pattern TEST_CLASS = Pattern.compile("(?<![*\\w@])([A-Z][A-Za-z0-9]*(?:Test|Contract))\\b");
    /** Annotations of the test libraries, named in the docs but not ours to find. */
    private static final List<String> LIBRARY_ANNOTATIONS = List.of("CamelSpringBootTest", "SpringBootTest");

    static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    @Test
    void everyRelativeLinkLeadsToAFileOrFolder() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher link = LINK.matcher(Files.readString(doc, StandardCharsets.UTF_8));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http:, https:, mailto:
                }
                Path resolved = doc.toAbsolutePath().getParent().resolve(target).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(doc + " -> " + target);
                }
            }
        }
        assertThat(broken).as("links to files that do not exist").isEmpty();
    }

    @Test
    void everyClassAndMethodNamedInTheDocsExists() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Path doc : documents()) {
            Matcher ref = CODE_REF.matcher(Files.readString(doc, StandardCharsets.UTF_8));
            while (ref.find()) {
                if (ref.group(3) != null && Files.exists(Path.of(ref.group(1), ref.group(2) + "." + ref.group(3)))) {
                    continue; // a file of the repository, such as bench/README.md
                }
                Path source = MAIN.resolve(ref.group(1)).resolve(ref.group(2) + ".java");
                if (!Files.exists(source)) {
                    source = TEST.resolve(ref.group(1)).resolve(ref.group(2) + ".java");
                }
                checked++;
                if (!Files.exists(source)) {
                    missing.add(doc + ": " + ref.group() + " (no " + source + ")");
                } else if (ref.group(3) != null
                        && !Files.readString(source, StandardCharsets.UTF_8).contains(" " + ref.group(3) + "(")) {
                    missing.add(doc + ": " + ref.group() + " (no method " + ref.group(3) + " in " + source + ")");
                }
            }
        }
        assertThat(checked).as("class references found in the docs").isGreaterThan(30);
        assertThat(missing)
                .as("classes or methods the docs name that the code does not have")
                .isEmpty();
    }

    @Test
    void everyTestClassNamedInTheDocsExists() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher name = TEST_CLASS.matcher(Files.readString(doc, StandardCharsets.UTF_8));
            while (name.find()) {
                if (LIBRARY_ANNOTATIONS.contains(name.group(1))) {
                    continue;
                }
                String wanted = name.group(1) + ".java";
                try (Stream<Path> files = Files.walk(TEST)) {
                    if (files.noneMatch(p -> p.getFileName().toString().equals(wanted))) {
                        missing.add(doc + ": " + name.group(1));
                    }
                }
            }
        }
        assertThat(missing).as("test classes the docs name that do not exist").isEmpty();
    }

    @Test
    void everyExampleFileIsQuotedVerbatimWhereItIsLinked() throws IOException {
        List<String> notQuoted = new ArrayList<>();
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("docs", "examples"))) {
            examples = files.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(examples).isNotEmpty();
        for (Path example : examples) {
            String text = Files.readString(example, StandardCharsets.UTF_8);
            String link = "](examples/" + example.getFileName() + ")";
            List<Path> linking = new ArrayList<>();
            for (Path doc : documents()) {
                if (Files.readString(doc, StandardCharsets.UTF_8).contains(link)) {
                    linking.add(doc);
                }
            }
            if (linking.isEmpty()) {
                notQuoted.add(example + ": no document links it");
            }
            for (Path doc : linking) {
                // A fence line (```lang), then the file exactly, then the closing fence.
                Matcher fenced = Pattern.compile("(?m)^```[a-z]*\n" + Pattern.quote(text) + "```$")
                        .matcher(Files.readString(doc, StandardCharsets.UTF_8));
                if (!fenced.find()) {
                    notQuoted.add(doc + " links " + example + " but does not quote it verbatim");
                }
            }
        }
        assertThat(notQuoted)
                .as("example files and the documents that quote them")
                .isEmpty();
    }
}

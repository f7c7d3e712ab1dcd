package org.wiregate.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Points a mapping error at its line, so the operator fixing a file need not search for it. */
final class MappingLines {

    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    private MappingLines() {}

    /**
     * " (line N)" for the first line of the file that is not a comment and mentions the first quoted
     * value of {@code message} (or the whole message when nothing is quoted); "" when none does.
     */
    static String lineOf(Path file, String message) {
        Matcher quoted = QUOTED.matcher(message);
        String needle = quoted.find() ? quoted.group(1) : message;
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(needle) && !lines.get(i).trim().startsWith("#")) {
                    return " (line " + (i + 1) + ")";
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the message without a line is still right
        }
        return "";
    }
}

package org.wiregate.edition;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place the tuning/frozen split of the labelled corpora is decided (written down in
 * src/test/resources/editions/SPLIT.md, fixed before corpus-b's texts were read): the old corpus is
 * tuning data; in corpus-b, stories {@code tNN} and negative sets {@code mNN} with an odd NN are
 * tuning data and those with an even NN the frozen test part, which nothing is ever tuned on.
 */
final class CorpusSplit {

    enum Part {
        TUNING,
        FROZEN
    }

    private static final Pattern CORPUS_B = Pattern.compile("^[tm](\\d+)-.*");

    private CorpusSplit() {}

    /** The part of a corpus-b document ("t07-es", "m12-b-ar"). */
    static Part ofCorpusB(String documentId) {
        Matcher m = CORPUS_B.matcher(documentId);
        if (!m.matches()) {
            throw new IllegalArgumentException(documentId + " is not a corpus-b document id (tNN-.. or mNN-..)");
        }
        return Integer.parseInt(m.group(1)) % 2 == 1 ? Part.TUNING : Part.FROZEN;
    }

    /** The story or negative set a document belongs to ("t07" for "t07-es"): what cross-validation folds keep together. */
    static String storyOf(String documentId) {
        int dash = documentId.indexOf('-');
        return dash < 0 ? documentId : documentId.substring(0, dash);
    }
}

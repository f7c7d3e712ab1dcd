package org.wiregate.edition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wiregate.article.Article;

/**
 * The linking benchmark's distinct copies ({@link DistinctCopies}) are what they claim: two copies
 * of a story share only what many stories share, and the editions of one copy still share what
 * the original editions shared.
 */
class DistinctCopiesTest {

    private final NameFolding folding = EditionEvaluation.folding();

    @Test
    void twoCopiesOfAStoryShareOnlyWhatManyStoriesShare() {
        List<Article> corpus = corpus();
        DistinctCopies copies = new DistinctCopies(corpus, folding);
        Map<String, Integer> holders = new HashMap<>();
        for (Article article : corpus) {
            EditionEvidence.of(article, folding).names().forEach(name -> holders.merge(name, 1, Integer::sum));
        }
        int ownNames = 0;
        int leftOver = 0;
        for (Article article : corpus) {
            Set<String> three = names(copies.copy(article, 3, "bench", "three", article.firstPublished()));
            Set<String> four = names(copies.copy(article, 4, "bench", "four", article.firstPublished()));
            Set<String> both = new HashSet<>(three);
            both.retainAll(four);
            // a name both copies hold is one many stories hold, but for the few the suffixing misses
            String dateline = EditionEvidence.of(article, folding).dateline();
            leftOver += (int) both.stream()
                    .filter(name -> holders.getOrDefault(name, 0) <= DistinctCopies.STORY_SPECIFIC)
                    .filter(name -> !name.startsWith("name:")) // listed names are kept on purpose
                    .filter(name -> !name.equals(dateline)) // and so is the dateline's place
                    .count();
            ownNames +=
                    (int) three.stream().filter(n -> !holders.containsKey(n)).count();
        }
        assertThat(ownNames).as("names made the copy's own").isGreaterThan(100);
        assertThat(leftOver).as("story-specific names two copies still share").isLessThanOrEqualTo(ownNames / 20);
    }

    @Test
    void theEditionsOfOneCopyStillShareTheirNames() {
        int originally = 0;
        int copied = 0;
        for (EditionCorpus.Stream stream : EditionCorpus.tuning()) {
            List<Article> articles = new ArrayList<>(stream.articles().values());
            DistinctCopies copies = new DistinctCopies(articles, folding);
            for (Map.Entry<String, Article> x : stream.articles().entrySet()) {
                for (Map.Entry<String, Article> y : stream.articles().entrySet()) {
                    Article a = x.getValue();
                    Article b = y.getValue();
                    String story = stream.gold().get(x.getKey()); // documents in no group stand alone
                    if (a.language().ordinal() >= b.language().ordinal()
                            || story == null
                            || !story.equals(stream.gold().get(y.getKey()))) {
                        continue;
                    }
                    originally += shared(names(a), names(b));
                    copied += shared(
                            names(copies.copy(a, 7, "bench", "a", a.firstPublished())),
                            names(copies.copy(b, 7, "bench", "b", b.firstPublished())));
                }
            }
        }
        assertThat(originally).as("names shared by editions of one story").isGreaterThan(100);
        assertThat(copied)
                .as("of those, shared by the same copy's editions")
                .isGreaterThanOrEqualTo(originally * 9 / 10);
    }

    private static List<Article> corpus() {
        try {
            return LinkingBenchmark.corpus();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Set<String> names(Article article) {
        return EditionEvidence.of(article, folding).names();
    }

    private static int shared(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both.size();
    }
}

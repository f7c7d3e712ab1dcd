package org.wiregate.edition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.wiregate.article.Article;
import org.wiregate.article.Image;
import org.wiregate.article.Language;
import org.wiregate.support.ArticleBuilder;

/**
 * Copies of the labelled corpus that are different stories, for the linking benchmarks: a real
 * window holds thousands of distinct stories, not a hundred stories a hundred times over. Copy
 * {@code n} of an article keeps what many stories share (countries, cities and other CLDR names,
 * listed names, years, figures under 10, common words, the dateline) and makes what only its own story holds its
 * own: every name held by at most {@value #STORY_SPECIFIC} articles of the corpus (about one story's
 * editions) gets a suffix naming the copy, written in the article's script so that the editions of
 * one copy still fold to one name; every other figure of two digits or more gets the copy's digits
 * appended; pictures get the copy in their URL. The editions of copy {@code n} of a story are thus
 * editions of each other, and of nothing else in the window but by what is common.
 */
final class DistinctCopies {

    /** A name held by this many articles of the corpus or fewer belongs to one story. */
    static final int STORY_SPECIFIC = 3;

    // letters that fold to the same consonant in both scripts (NameFolding), in two alphabets taken in
    // turn so that no two neighbours are alike (the folding merges doubled consonants)
    private static final String[] LATIN = {"btkr", "lmnf"};
    private static final String[] ARABIC = {"بتكر", "لمنف"};
    private static final int SUFFIX_LETTERS = 5; // 4^5 = 1,024 copies
    // letters and the marks on them (Arabic harakat, shadda, tanween): a word is not cut at its vowels
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}]+");
    private static final Pattern FIGURE = Pattern.compile("[0-9\\u0660-\\u0669]{2,}");

    private final NameFolding folding;
    private final Set<String> specific = new HashSet<>();

    DistinctCopies(List<Article> corpus, NameFolding folding) {
        this.folding = folding;
        Map<String, Integer> holders = new HashMap<>();
        for (Article article : corpus) {
            for (String name : EditionEvidence.of(article, folding).names()) {
                holders.merge(name, 1, Integer::sum);
            }
        }
        holders.forEach((name, count) -> {
            if (count <= STORY_SPECIFIC) {
                specific.add(name);
            }
        });
    }

    /** Copy {@code copy} of the article, under the given wire guid, as a different story. */
    Article copy(Article article, int copy, String source, String guid, java.time.Instant published) {
        Language language = article.language();
        List<String> tags = new ArrayList<>();
        article.tags().forEach(tag -> tags.add(words(tag, language, copy)));
        List<Image> images = new ArrayList<>();
        for (Image image : article.images()) {
            images.add(new Image(
                    image.url() + (image.url().contains("?") ? "&" : "?") + "copy=" + copy,
                    image.caption(),
                    image.credit(),
                    image.mediaType(),
                    image.width(),
                    image.height()));
        }
        Document body = Jsoup.parseBodyFragment(article.bodyHtml());
        body.body()
                .select("*")
                .forEach(element -> element.textNodes().forEach(text -> text.text(text(text.text(), language, copy))));
        return ArticleBuilder.from(article)
                .wire(source, guid)
                .editionGroup(null)
                .publishedAt(published)
                .headline(text(article.headline(), language, copy))
                .standfirst(article.standfirst() == null ? null : text(article.standfirst(), language, copy))
                .bodyHtml(body.body().html())
                .tags(tags)
                .images(images)
                .build();
    }

    private String text(String text, Language language, int copy) {
        return figures(words(text, language, copy), copy);
    }

    private String words(String text, Language language, int copy) {
        Matcher m = WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word = m.group();
            String key = folding.key(word);
            boolean own = key != null
                    && specific.contains(key)
                    && CldrLexicon.get()
                            .scan(TextFolding.tokens(word), language)
                            .isEmpty();
            m.appendReplacement(out, Matcher.quoteReplacement(own ? word + suffix(copy, language) : word));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String figures(String text, int copy) {
        Matcher m = FIGURE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String digits = m.group();
            boolean year = digits.length() == 4 && (digits.startsWith("19") || digits.startsWith("20"));
            String appended = String.format(java.util.Locale.ROOT, "%03d", copy % 1000);
            if (digits.charAt(0) >= '\u0660') {
                appended = appended.chars()
                        .mapToObj(c -> String.valueOf((char) ('\u0660' + (c - '0'))))
                        .reduce("", String::concat);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(year ? digits : digits + appended));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String suffix(int copy, Language language) {
        String[] letters = language == Language.AR ? ARABIC : LATIN;
        StringBuilder suffix = new StringBuilder();
        int rest = copy;
        for (int i = 0; i < SUFFIX_LETTERS; i++) {
            suffix.append(letters[i % 2].charAt(rest % 4));
            rest /= 4;
        }
        return suffix.toString();
    }
}

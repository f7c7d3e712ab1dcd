package org.wiregate.edition;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.wiregate.article.Article;
import org.wiregate.article.Image;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;

/**
 * What in an article survives translation, extracted once per article: its pictures, the figures
 * it states (in digits or words), the names it mentions (as cross-script keys), the places,
 * currencies and languages CLDR names in all three languages (as codes), the days it speaks of (as
 * dates), its dateline place, section and regions.
 */
record EditionEvidence(
        String articleId,
        Language language,
        Instant published,
        Set<String> images,
        Set<BigDecimal> numbers,
        Set<String> names,
        Set<String> concepts,
        Set<LocalDate> dates,
        String dateline,
        Section section,
        Set<Region> regions,
        Keys keys) {

    /**
     * The names, places and figures as sorted 64-bit hashes: a window of 10,000 candidates is
     * compared with an arrival by merging sorted arrays, not by thousands of set lookups. Two keys
     * that collide in 64 bits would count as shared; at a few hundred keys per window that does not
     * happen in practice.
     */
    record Keys(long[] names, long[] concepts, long[] numbers) {

        static Keys of(Set<String> names, Set<String> concepts, Set<BigDecimal> numbers) {
            return new Keys(
                    hashes(names.stream().map(String::valueOf).toList()),
                    hashes(concepts.stream().map(String::valueOf).toList()),
                    hashes(numbers.stream().map(n -> "#" + n.toPlainString()).toList()));
        }

        private static long[] hashes(List<String> keys) {
            return keys.stream().mapToLong(Keys::hash).sorted().distinct().toArray();
        }

        /** FNV-1a, 64 bits. */
        static long hash(String key) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < key.length(); i++) {
                h ^= key.charAt(i);
                h *= 0x100000001b3L;
            }
            return h;
        }
    }

    EditionEvidence(
            String articleId,
            Language language,
            Instant published,
            Set<String> images,
            Set<BigDecimal> numbers,
            Set<String> names,
            Set<String> concepts,
            Set<LocalDate> dates,
            String dateline,
            Section section,
            Set<Region> regions) {
        this(
                articleId,
                language,
                published,
                images,
                numbers,
                names,
                concepts,
                dates,
                dateline,
                section,
                regions,
                Keys.of(names, concepts, numbers));
    }

    /** The zone of the dateline's place when CLDR names it as a time-zone city ("BEIRUT", "بيروت"), else null. */
    private static java.time.ZoneId datelineZone(Article article) {
        if (article.dateline() == null) {
            return null;
        }
        for (CldrLexicon.Mention place :
                CldrLexicon.get().scan(TextFolding.tokens(article.dateline()), article.language())) {
            for (String key : place.keys()) {
                java.time.ZoneId zone = TimeMentions.zoneOfKey(key);
                if (zone != null) {
                    return zone;
                }
            }
        }
        return null;
    }

    /** The text with the clock times blanked out, so that "14.00 GMT" is not also read as the amount 1,400. */
    private static String withoutMoments(String text, List<TimeMentions.Moment> moments) {
        if (moments.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        for (TimeMentions.Moment m : moments) {
            for (int i = m.start(); i < m.end(); i++) {
                out.setCharAt(i, ' ');
            }
        }
        return out.toString();
    }

    /** Paragraphs of the body read for names and numbers: the top of a story carries its facts. */
    private static final int LEAD_PARAGRAPHS = 3;

    static EditionEvidence of(Article article, NameFolding folding) {
        Set<String> images = new LinkedHashSet<>();
        for (Image image : article.images()) {
            images.add(image.url());
        }
        Document body = Jsoup.parseBodyFragment(article.bodyHtml()); // parsed once: the lead and the whole text
        String lead = lead(body);
        String text = article.headline() + " \n " + article.standfirst() + " \n " + lead;
        Set<String> names = new LinkedHashSet<>();
        for (String tag : article.tags()) {
            addName(names, tag, folding, true);
        }
        addNames(names, text, article.language(), folding);
        String dateline = null;
        if (article.dateline() != null) {
            String listed = folding.listed(article.dateline());
            dateline = listed != null
                    ? listed
                    : folding.key(article.dateline().split("[,(]")[0].trim());
            if (dateline != null) {
                names.add(dateline);
            }
        }
        String whole = article.headline() + " \n " + article.standfirst() + " \n " + body.text();
        List<TimeMentions.Moment> moments =
                TimeMentions.read(whole, article.language(), article.firstPublished(), datelineZone(article));
        String amounts = withoutMoments(whole, moments);
        Set<BigDecimal> numbers = NumberExtractor.significant(amounts, article.language());
        NumberWords.get().read(TextFolding.tokens(amounts), article.language(), numbers);
        numbers.removeIf(n -> !NumberExtractor.isSignificant(n));
        for (TimeMentions.Moment moment : moments) {
            // a moment is a figure both editions state, whatever zone each gives it in: its minute since the epoch
            numbers.add(BigDecimal.valueOf(moment.instant().getEpochSecond() / 60));
        }
        List<String> words = TextFolding.tokens(text);
        List<CldrLexicon.Mention> mentions = CldrLexicon.get().scan(words, article.language());
        Set<String> concepts = new LinkedHashSet<>();
        for (CldrLexicon.Mention mention : mentions) {
            for (String key : mention.keys()) {
                if (!key.startsWith("month:") && !key.startsWith("weekday:")) {
                    concepts.add(key); // months and weekdays count as the dates they make
                }
            }
        }
        Set<LocalDate> dates = new LinkedHashSet<>();
        DateMentions.read(words, mentions, article.firstPublished(), dates);
        if (article.dateline() != null) {
            List<CldrLexicon.Mention> places =
                    CldrLexicon.get().scan(TextFolding.tokens(article.dateline()), article.language());
            if (!places.isEmpty() && (dateline == null || !dateline.startsWith("name:"))) {
                // the first place named is the dateline's ("KHARTOUM, Sudan"): its CLDR code is the same in every
                // language
                dateline = places.get(0).keys().iterator().next();
            }
            places.forEach(place -> concepts.addAll(place.keys()));
        }
        return new EditionEvidence(
                article.id().value(),
                article.language(),
                article.firstPublished(),
                images,
                numbers,
                names,
                concepts,
                dates,
                dateline,
                article.section(),
                Set.copyOf(article.regions()));
    }

    private static String lead(Document body) {
        StringBuilder lead = new StringBuilder();
        List<Element> paragraphs = body.select("p");
        for (int i = 0; i < Math.min(LEAD_PARAGRAPHS, paragraphs.size()); i++) {
            lead.append(paragraphs.get(i).text()).append(" \n ");
        }
        return lead.toString();
    }

    /**
     * Latin-script names are the capitalised words (and listed two-word names); Arabic has no
     * capitals, so every word long enough to be a name counts and rarity sorts them out.
     */
    private static void addNames(Set<String> names, String text, Language language, NameFolding folding) {
        String[] words = text.split("[\\s\\p{Punct}«»“”‘’،؛؟]+");
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (word.isEmpty()) {
                continue;
            }
            if (i + 1 < words.length) {
                String pair = folding.listed(word + " " + words[i + 1]);
                if (pair != null) {
                    names.add(pair);
                }
            }
            boolean candidate = language == Language.AR
                    ? word.length() >= 3
                    : Character.isUpperCase(word.codePointAt(0)) && word.length() >= 3;
            if (candidate) {
                addName(names, word, folding, false);
            }
        }
    }

    private static void addName(Set<String> names, String name, NameFolding folding, boolean wholePhrase) {
        String listed = folding.listed(name);
        if (listed != null) {
            names.add(listed);
            return;
        }
        if (wholePhrase) {
            for (String part : name.split("\\s+")) {
                String key = folding.key(part);
                if (key != null) {
                    names.add(key);
                }
            }
            return;
        }
        String key = folding.key(name);
        if (key != null) {
            names.add(key);
        }
    }
}

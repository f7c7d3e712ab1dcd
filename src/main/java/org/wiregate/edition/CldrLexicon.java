package org.wiregate.edition;

import com.ibm.icu.text.DateFormatSymbols;
import com.ibm.icu.text.TimeZoneNames;
import com.ibm.icu.util.Currency;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wiregate.article.Language;

/**
 * Names that mean the same in every language, read from CLDR through ICU rather than hand lists:
 * countries and territories ({@code country:LB} for Lebanon, لبنان, Líbano), languages
 * ({@code lang:ar}), currencies ({@code currency:USD} for US dollars, dólares estadounidenses,
 * دولار أمريكي), time-zone exemplar cities ({@code city:Asia/Beirut} for Beirut, بيروت), months
 * ({@code month:11}: November, noviembre, نوفمبر, تشرين الثاني) and weekdays ({@code weekday:2}).
 * Arabic month names come from the Levantine and Iraqi locales too, which SANA-style copy uses.
 */
final class CldrLexicon {

    /** A lexicon entry found in a text: its language-neutral keys and the words it spans. */
    record Mention(Set<String> keys, int start, int end) {}

    private static final String[] LOCALES = {"en", "es", "ar", "ar_SY", "ar_IQ", "ar_LB", "ar_DZ"};
    private static final int LONGEST = 4;
    private static final CldrLexicon INSTANCE = new CldrLexicon();

    /** folded words -> keys */
    private final Map<String, Set<String>> entries = new HashMap<>();
    /**
     * The first word of every entry -> the most words an entry starting with it has: most words of
     * a text start no entry, and are passed over with one look-up instead of one per length.
     */
    private final Map<String, Integer> longestFrom = new HashMap<>();

    static CldrLexicon get() {
        return INSTANCE;
    }

    private CldrLexicon() {
        boolean[] unused = new boolean[1];
        for (String tag : LOCALES) {
            ULocale locale = new ULocale(tag);
            DateFormatSymbols symbols = new DateFormatSymbols(locale);
            for (int context : new int[] {DateFormatSymbols.FORMAT, DateFormatSymbols.STANDALONE}) {
                String[] months = symbols.getMonths(context, DateFormatSymbols.WIDE);
                for (int m = 0; m < months.length; m++) {
                    add(months[m], "month:" + (m + 1));
                }
                String[] days = symbols.getWeekdays(context, DateFormatSymbols.WIDE);
                for (int d = 1; d < days.length; d++) {
                    // Calendar.SUNDAY is 1; ISO numbers Monday 1 .. Sunday 7
                    add(days[d], "weekday:" + (d == 1 ? 7 : d - 1));
                }
            }
            if (tag.contains("_")) {
                continue; // regional Arabic locales only for month names; the rest is the same as ar
            }
            for (String country : ULocale.getISOCountries()) {
                add(new ULocale("und_" + country).getDisplayCountry(locale), "country:" + country);
            }
            for (String language : ULocale.getISOLanguages()) {
                String name = new ULocale(language).getDisplayLanguage(locale);
                if (!name.equalsIgnoreCase(language)) {
                    add(name, "lang:" + language);
                }
            }
            for (Currency currency : Currency.getAvailableCurrencies()) {
                String code = currency.getCurrencyCode();
                if (!code.equals(currency.getName(locale, Currency.LONG_NAME, unused))) {
                    add(currency.getName(locale, Currency.LONG_NAME, unused), "currency:" + code);
                    for (String plural : new String[] {"one", "two", "few", "many", "other"}) {
                        add(currency.getName(locale, Currency.PLURAL_LONG_NAME, plural, unused), "currency:" + code);
                    }
                }
            }
            TimeZoneNames zones = TimeZoneNames.getInstance(locale);
            for (String zone : TimeZone.getAvailableIDs(TimeZone.SystemTimeZoneType.CANONICAL_LOCATION, null, null)) {
                String city = zones.getExemplarLocationName(zone);
                if (city != null) {
                    add(city, "city:" + zone);
                }
            }
        }
    }

    private void add(String name, String key) {
        if (name == null || name.isBlank()) {
            return;
        }
        List<String> words = TextFolding.tokens(name);
        if (words.isEmpty()
                || words.size() > LONGEST
                || (words.size() == 1 && words.get(0).length() < 3)) {
            return;
        }
        entries.computeIfAbsent(entryKey(words, 0, words.size()), k -> new LinkedHashSet<>())
                .add(key);
        longestFrom.merge(words.get(0), words.size(), Math::max);
    }

    private static String entryKey(List<String> words, int from, int to) {
        StringBuilder key = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                key.append(' ');
            }
            key.append(words.get(i));
        }
        return key.toString();
    }

    /** The keys of the entry of exactly these folded words (space-separated), or null. */
    Set<String> entry(String foldedWords) {
        return entries.get(foldedWords);
    }

    /** Every entry in a folded text, longest first, not overlapping. */
    List<Mention> scan(List<String> words, Language language) {
        List<Mention> found = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            Mention mention = longestAt(words, i, language);
            if (mention == null) {
                i++;
            } else {
                found.add(mention);
                i = mention.end();
            }
        }
        return found;
    }

    private Mention longestAt(List<String> words, int start, Language language) {
        Set<String> firsts = TextFolding.variants(words.get(start), language);
        int longest = 0;
        for (String first : firsts) {
            longest = Math.max(longest, longestFrom.getOrDefault(first, 0));
        }
        for (int length = Math.min(longest, words.size() - start); length >= 1; length--) {
            String rest = length > 1 ? " " + entryKey(words, start + 1, start + length) : "";
            for (String first : firsts) {
                if (longestFrom.getOrDefault(first, 0) < length) {
                    continue; // no entry of this many words starts with this form
                }
                Set<String> keys = entries.get(first + rest);
                if (keys != null) {
                    return new Mention(keys, start, start + length);
                }
            }
        }
        return null;
    }
}

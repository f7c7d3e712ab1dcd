package org.wiregate.edition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wiregate.article.Language;

/** Clock times in wire copy, in the three languages, resolved to the instants they name. */
class TimeMentionsTest {

    private static final Instant FILED = Instant.parse("2026-03-10T18:30:00Z");

    @Test
    void universalTimeInEachLanguage() {
        assertThat(instants("The quake hit at 7:40 p.m. (1640 GMT) near the coast.", Language.EN, null))
                .containsExactly(Instant.parse("2026-03-10T16:40:00Z"));
        assertThat(instants("El sismo ocurrió a las 16.40 GMT cerca de la costa.", Language.ES, null))
                .containsExactly(Instant.parse("2026-03-10T16:40:00Z"));
        assertThat(instants("وقع الزلزال الساعة ١٦:٤٠ بتوقيت غرينتش قرب الساحل.", Language.AR, null))
                .containsExactly(Instant.parse("2026-03-10T16:40:00Z"));
    }

    @Test
    void localTimeIsTakenInTheDatelinesZoneAndMatchesTheUniversalOne() {
        ZoneId caracas = ZoneId.of("America/Caracas"); // UTC-4
        assertThat(instants("Las urnas abrieron a las 10.00 hora local (14.00 GMT).", Language.ES, caracas))
                .containsExactly(Instant.parse("2026-03-10T14:00:00Z"), Instant.parse("2026-03-10T14:00:00Z"));
        assertThat(instants("Polls opened at 10 a.m. local time.", Language.EN, caracas))
                .containsExactly(Instant.parse("2026-03-10T14:00:00Z"));
        assertThat(instants("Polls opened at 10 a.m. local time.", Language.EN, null))
                .as("no dateline zone: local time cannot be placed")
                .isEmpty();
    }

    @Test
    void aCitysTimeIsTakenInItsZone() {
        assertThat(instants("فتحت مراكز الاقتراع الساعة 17:00 بتوقيت بيروت.", Language.AR, null))
                .containsExactly(Instant.parse("2026-03-10T15:00:00Z")); // Beirut, UTC+2 in March
    }

    @Test
    void aTimeLaterThanTheFilingWasTheDayBefore() {
        Instant filedAfterMidnight = Instant.parse("2026-03-11T01:10:00Z");
        assertThat(TimeMentions.read(
                                "The blast came at 11 p.m. local time.",
                                Language.EN,
                                filedAfterMidnight,
                                ZoneId.of("UTC"))
                        .stream()
                        .map(TimeMentions.Moment::instant))
                .containsExactly(Instant.parse("2026-03-10T23:00:00Z"));
    }

    @Test
    void figuresThatAreNotTimesAreLeftAlone() {
        assertThat(instants("Prices rose 12 percent to 1,640 dollars on GMT-listed shares.", Language.EN, null))
                .isEmpty();
        assertThat(instants("A las 25.30 GMT", Language.ES, null))
                .as("no such hour")
                .isEmpty();
    }

    @Test
    void tryingOnlyTheClockStartsFindsWhatAFullSearchFinds() {
        List<String> texts = new java.util.ArrayList<>(List.of(
                "At 7:40 p.m. (1640 GMT), 12.30 GMT, 1.5:30 GMT, 10,00 GMT, 3 pm GMT, 3pm GMT and 2 (14.00 GMT).",
                "١٦:٤٠ بتوقيت غرينتش و 9.00 ت.غ و 10 صباحا بتوقيت بيروت",
                "a las 11.00 hora local (14.00 GMT) y 0900 hora de Caracas; 1:2:3 GMT; 24:61 UTC",
                "GMT 12:00 GMT12:00 12:00GMT 12:00:00 GMT"));
        int arrivals = 0;
        for (EditionCorpus.Stream stream : EditionCorpus.tuning()) {
            for (org.wiregate.article.Article a : stream.articles().values()) {
                texts.add(a.headline() + " \n " + a.standfirst() + " \n "
                        + org.jsoup.Jsoup.parseBodyFragment(a.bodyHtml()).text());
                arrivals++;
            }
        }
        assertThat(arrivals).as("the tuning corpora are there").isGreaterThan(100);
        int matched = 0;
        for (String text : texts) {
            String ascii = asciiDigits(text);
            for (java.util.regex.Pattern pattern :
                    List.of(TimeMentions.UNIVERSAL, TimeMentions.LOCAL, TimeMentions.CITY)) {
                List<String> full = new java.util.ArrayList<>();
                java.util.regex.Matcher m = pattern.matcher(ascii);
                while (m.find()) {
                    full.add(m.start() + "-" + m.end() + ":" + m.group());
                }
                List<String> atStarts = TimeMentions.matches(pattern, ascii, TimeMentions.clockStarts(ascii)).stream()
                        .map(r -> r.start() + "-" + r.end() + ":" + r.group())
                        .toList();
                assertThat(atStarts).as("%s in %s", pattern.pattern(), text).isEqualTo(full);
                matched += full.size();
            }
        }
        assertThat(matched).as("the texts hold clock times").isGreaterThan(20);
    }

    /** Arabic-Indic digits as ASCII, as TimeMentions reads them. */
    private static String asciiDigits(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars()
                .forEach(c -> out.append(
                        Character.digit(c, 10) >= 0 && c > 127 ? (char) ('0' + Character.digit(c, 10)) : (char) c));
        return out.toString();
    }

    private static List<Instant> instants(String text, Language language, ZoneId dateline) {
        return TimeMentions.read(text, language, FILED, dateline).stream()
                .map(TimeMentions.Moment::instant)
                .toList();
    }
}

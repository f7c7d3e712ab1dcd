package org.wiregate.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlRepairTest {

    private final List<Repair> repairs = new ArrayList<>();

    private Optional<String> repair(String url) {
        return UrlRepair.repair(url, repairs::add);
    }

    @Test
    void aGoodUrlIsKeptAsItIs() {
        String url = "https://images.example/2026/11/a.jpg?w=800&h=600#top";
        assertThat(repair(url)).contains(url);
        assertThat(repair("HTTP://images.example/a%20b.jpg")).contains("http://images.example/a%20b.jpg");
        assertThat(repairs).containsExactly(Repair.URL_ENCODED); // only the scheme's case changed
    }

    @Test
    void everyCharacterAUriAllowsIsKeptAndAnEscapeAfterAnyCharacter() {
        String url = "https://a.example/AZaz09-._~!$&'()*+,;=:@/x%41?q=Z%7e#f";
        assertThat(repair(url)).contains(url);
        assertThat(repairs).isEmpty();
    }

    @Test
    void anAllNonAsciiHostAndUserInfoWithAnEmptyPasswordAreKept() {
        assertThat(repair("https://مثال.إختبار/x")).contains("https://xn--mgbh0fb.xn--kgbechtv/x");
        assertThat(repair("https://user:@españa.example/x")).contains("https://user:@xn--espaa-rta.example/x");
        assertThat(repair("https://u:p@españa.example:81/x")).contains("https://u:p@xn--espaa-rta.example:81/x");
    }

    @Test
    void spacesArePercentEncoded() {
        assertThat(repair("https://images.example/a b.jpg")).contains("https://images.example/a%20b.jpg");
        assertThat(repairs).containsExactly(Repair.URL_ENCODED);
    }

    @Test
    void nonAsciiIsPercentEncodedAsUtf8AndAnInternationalHostGoesToPunycode() {
        assertThat(repair("https://images.example/صور/غزة.jpg?q=año"))
                .contains("https://images.example/%D8%B5%D9%88%D8%B1/%D8%BA%D8%B2%D8%A9.jpg?q=a%C3%B1o");
        assertThat(repair("https://españa.example:8443/foto.jpg"))
                .contains("https://xn--espaa-rta.example:8443/foto.jpg");
        assertThat(repair("https://user@españa.example/x")).contains("https://user@xn--espaa-rta.example/x");
    }

    @Test
    void anExistingEscapeIsNotEncodedTwiceButALonePercentIs() {
        assertThat(repair("https://a.example/100%25 b%zz%4")).contains("https://a.example/100%25%20b%25zz%254");
    }

    @Test
    void aSecondHashAndBracketsInThePathAreEncoded() {
        assertThat(repair("https://a.example/x[1]#a#b")).contains("https://a.example/x%5B1%5D#a%23b");
    }

    @Test
    void surroundingWhitespaceIsStripped() {
        assertThat(repair("  https://a.example/x.jpg\n")).contains("https://a.example/x.jpg");
        assertThat(repairs).containsExactly(Repair.URL_ENCODED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "javascript:alert(1)",
                "JavaScript://a.example/%0Aalert(1)",
                "data:image/png;base64,AAAA",
                "ftp://files.example/a.jpg",
                "/images/a.jpg",
                "images/a.jpg",
                "//cdn.example/a.jpg",
                "https:///a.jpg",
                "https://exa mple.com/a.jpg",
                "https://a..b\u0000/x",
                "",
                "   "
            })
    void whatCannotBeAnAbsoluteHttpUrlIsDropped(String url) {
        assertThat(repair(url)).isEmpty();
        assertThat(repairs).containsExactly(Repair.URL_DROPPED);
    }

    @Test
    void nullIsDropped() {
        assertThat(repair(null)).isEmpty();
        assertThat(repairs).containsExactly(Repair.URL_DROPPED);
    }

    @Test
    void aUrlLongerThanSitemapsAcceptIsDropped() {
        String base = "https://a.example/";
        assertThat(repair(base + "x".repeat(UrlRepair.MAX_LENGTH - base.length())))
                .hasValueSatisfying(u -> assertThat(u).hasSize(UrlRepair.MAX_LENGTH));
        assertThat(repair(base + "x".repeat(UrlRepair.MAX_LENGTH - base.length() + 1)))
                .isEmpty();
    }

    @Test
    void withoutAConsumerTheUrlIsStillRepaired() {
        assertThat(UrlRepair.repair("https://images.example/a b.jpg")).contains("https://images.example/a%20b.jpg");
        assertThat(UrlRepair.repair("javascript:alert(1)")).isEmpty();
    }

    @Test
    void repairTagsAreLowerCaseWithDashes() {
        assertThat(Repair.CONTROL_CHARACTER.tag()).isEqualTo("control-character");
        assertThat(Repair.URL_DROPPED.tag()).isEqualTo("url-dropped");
    }
}

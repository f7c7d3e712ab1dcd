package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.ArticleId;
import org.wiregate.support.Fixtures;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.HeadlessChromium;
import org.wiregate.support.TestDirectories;

/**
 * A reader on the English page of a story linked to its Arabic and Spanish editions sees the
 * edition switch (English · العربية · Español), clicks العربية and lands on the Arabic edition, a
 * right-to-left page whose switch leads back.
 *
 * <p>The page contract: {@code nav.editions} holding one {@code a[hreflang]} per other edition,
 * each with {@code lang} and {@code dir}, and {@code strong[aria-current=page]} for the page's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EditionSwitchBrowserTest {

    private static final Path inbox = TestDirectories.create("edition-switch").resolve("inbox");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "edition-switch", inbox);
    }

    @Test
    void theReaderSwitchesFromTheEnglishToTheArabicEdition() throws Exception {
        Instant now = Instant.now();
        for (String language : List.of("en", "ar", "es")) {
            ObjectNode item = (ObjectNode)
                    new ObjectMapper().readTree(Fixtures.bytes("/editions/corpus/s05-" + language + ".json"));
            item.put("firstcreated", now.minus(Duration.ofHours(2)).toString());
            item.put("versioncreated", now.minus(Duration.ofHours(2)).toString());
            String name = "s05-" + language + ".json";
            Fixtures.drop(inbox, "standard", name, new ObjectMapper().writeValueAsBytes(item));
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve("standard/.done/" + name)));
        }
        ArticleId english = ArticleId.of("standard", "urn:newsml:corpus.example:s05-en");
        ArticleId arabic = ArticleId.of("standard", "urn:newsml:corpus.example:s05-ar");

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.driver();
            try {
                browser.get("http://localhost:" + port + "/en/articles/" + english.value() + "/s05");
                WebElement toArabic = chromium.await()
                        .withMessage("an Arabic link in nav.editions")
                        .until(d -> d.findElements(By.cssSelector("nav.editions a[hreflang=ar]")).stream()
                                .findFirst()
                                .orElse(null));
                assertThat(toArabic.isDisplayed()).isTrue();
                assertThat(toArabic.getText()).isEqualTo("العربية");
                assertThat(toArabic.getAttribute("lang")).isEqualTo("ar");
                assertThat(toArabic.getAttribute("dir")).isEqualTo("rtl");
                assertThat(browser.findElement(By.cssSelector("nav.editions [aria-current=page]"))
                                .getText())
                        .isEqualTo("English");
                assertThat(browser.findElement(By.cssSelector("nav.editions a[hreflang=es]"))
                                .getText())
                        .isEqualTo("Español");
                chromium.screenshot("edition-switch-english");

                toArabic.click();

                chromium.await()
                        .withMessage("the Arabic edition's page")
                        .until(d ->
                                URI.create(d.getCurrentUrl()).getPath().startsWith("/ar/articles/" + arabic.value()));
                WebElement html = browser.findElement(By.tagName("html"));
                assertThat(html.getAttribute("lang")).isEqualTo("ar");
                assertThat(html.getAttribute("dir")).isEqualTo("rtl");
                assertThat(browser.findElement(By.cssSelector("nav.editions a[hreflang=en]"))
                                .getText())
                        .isEqualTo("English");
                chromium.screenshot("edition-switch-arabic");
            } catch (RuntimeException | AssertionError e) {
                chromium.screenshotQuietly("edition-switch-failure");
                throw e;
            }
        }
    }
}

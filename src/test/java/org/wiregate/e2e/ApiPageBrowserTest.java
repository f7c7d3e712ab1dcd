package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.support.ArticleBuilder.anArticle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.partner.PartnerKeys;
import org.wiregate.partner.PartnerRepository;
import org.wiregate.store.ArticleStore;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.HeadlessChromium;
import org.wiregate.support.Http;
import org.wiregate.support.PartnerFixtures;
import org.wiregate.support.TestDirectories;

/**
 * A partner's first visit to the API page in a real browser: /api-docs.html shows Swagger UI on
 * /openapi.yaml under the page's strict Content-Security-Policy; "Authorize" with a partner key
 * (the partnerKey scheme), then "Try it out" and "Execute" on the delta, GET /api/partner/articles:
 * the page shows a 200 with the stored article, and a call without the key shows 401.
 *
 * <p>The page contract is Swagger UI's own markup: {@code button.authorize}, the
 * {@code .auth-container} of a scheme (its {@code h4} names it), {@code .opblock-summary-path[data-path]},
 * {@code .try-out__btn}, {@code button.execute}, {@code .live-responses-table .response-col_status}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiPageBrowserTest {

    private static final String DELTA = "/api/partner/articles";

    @LocalServerPort
    int port;

    @Autowired
    ArticleStore store;

    @Autowired
    PartnerRepository partners;

    @Autowired
    PartnerKeys keys;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(
                registry, "api-page", TestDirectories.create("api-page").resolve("inbox"));
    }

    @Test
    void partnerAuthorisesWithItsKeyAndCallsTheDeltaFromTheApiPage() throws Exception {
        String key = PartnerFixtures.partnerWithKey(partners, keys, "api-page-partner", null);
        Article article = anArticle()
                .wire("afp", "api-page-story")
                .language(Language.AR)
                .headline("الأمطار تعود إلى الساحل")
                .publishedAt(Instant.now())
                .build();
        store.save(article, null);

        HttpResponse<byte[]> page = Http.get(url("/api-docs.html"));
        assertThat(page.statusCode()).isEqualTo(200);
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(policy).contains("script-src 'self';").contains("connect-src 'self'");
        assertThat(policy).doesNotContain("script-src 'self' 'unsafe-inline'");

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.driver();
            try {
                browser.get(url("/api-docs.html"));
                chromium.await()
                        .withMessage("Swagger UI showing the description's title and the delta operation")
                        .until(d -> d.findElements(By.cssSelector(".swagger-ui .info .title")).stream()
                                        .anyMatch(t -> t.getText().contains("Wiregate"))
                                && !delta(d).isEmpty());
                chromium.screenshot("api-page-loaded");

                // Without a key first: Try it out, Execute, 401.
                openDelta(chromium, browser);
                assertThat(execute(chromium, browser)).isEqualTo("401");

                // Authorize with the partner key (http bearer scheme "partnerKey").
                browser.findElement(By.cssSelector(".auth-wrapper button.authorize"))
                        .click();
                WebElement scheme = chromium.await()
                        .withMessage("the partnerKey scheme in the Authorize dialog")
                        .until(d -> d.findElements(By.cssSelector(".modal-ux .auth-container")).stream()
                                .filter(c -> c.findElement(By.tagName("h4"))
                                        .getText()
                                        .contains("partnerKey"))
                                .findFirst()
                                .orElse(null));
                scheme.findElement(By.cssSelector("input")).sendKeys(key);
                scheme.findElement(By.cssSelector("button.authorize")).click();
                chromium.await()
                        .withMessage("partnerKey authorized (a Logout button in its section)")
                        .until(d -> !d.findElements(By.xpath("//div[contains(@class,'auth-container')]"
                                        + "[.//h4[contains(., 'partnerKey')]]//button[contains(., 'Logout')]"))
                                .isEmpty());
                chromium.screenshot("api-page-authorized");
                browser.findElement(By.cssSelector(".modal-ux button.btn-done, .modal-ux .close-modal"))
                        .click();

                // The same call again, now with the key.
                assertThat(execute(chromium, browser)).isEqualTo("200");
                String body = responseBody(browser);
                JsonNode answer = new ObjectMapper().readTree(body);
                assertThat(answer.path("items")).anySatisfy(item -> {
                    assertThat(item.path("uri").asText()).isEqualTo(article.id().urn());
                    assertThat(item.at("/headlines/0/value").asText()).isEqualTo(article.headline());
                });
                assertThat(curlShown(browser)).contains("Authorization: Bearer " + key);
                ((JavascriptExecutor) browser)
                        .executeScript("document.querySelector('.live-responses-table').scrollIntoView();");
                chromium.screenshot("api-page-delta-200");
            } catch (AssertionError | RuntimeException e) {
                chromium.screenshotQuietly("api-page-failure");
                throw e;
            }
        }
    }

    /** The delta operation's block (not /api/partner/articles/{id}), empty until rendered. */
    private static List<WebElement> delta(WebDriver browser) {
        return browser.findElements(By.xpath("//div[contains(@class,'opblock ')][.//*[contains(@class,"
                + "'opblock-summary-path') and @data-path='" + DELTA + "']]"));
    }

    private static void openDelta(HeadlessChromium chromium, WebDriver browser) {
        WebElement block = delta(browser).get(0);
        block.findElement(By.cssSelector(".opblock-summary")).click();
        chromium.await()
                .withMessage("the delta operation opened with its Try it out button")
                .until(d -> !delta(d).get(0)
                        .findElements(By.cssSelector(".try-out__btn"))
                        .isEmpty());
        delta(browser).get(0).findElement(By.cssSelector(".try-out__btn")).click();
        chromium.await()
                .withMessage("the Execute button")
                .until(d -> !delta(d).get(0)
                        .findElements(By.cssSelector("button.execute"))
                        .isEmpty());
    }

    /** Clears an earlier response (Swagger UI's Clear), clicks Execute and returns the status the page shows. */
    private static String execute(HeadlessChromium chromium, WebDriver browser) {
        List<WebElement> clear = delta(browser).get(0).findElements(By.cssSelector("button.btn-clear"));
        if (!clear.isEmpty()) {
            clear.get(0).click();
            chromium.await()
                    .withMessage("the earlier response cleared")
                    .until(d -> d.findElements(By.cssSelector(".live-responses-table"))
                            .isEmpty());
        }
        delta(browser).get(0).findElement(By.cssSelector("button.execute")).click();
        return chromium.await()
                .withMessage("a live response status on the page")
                .until(d -> {
                    Object status = ((JavascriptExecutor) d)
                            .executeScript("const s = document.querySelector("
                                    + "'.live-responses-table .response .response-col_status');"
                                    + " return s ? s.textContent.trim() : null;");
                    return status == null || status.toString().isEmpty()
                            ? null
                            : status.toString().replaceAll("\\D.*$", "");
                });
    }

    private static String responseBody(WebDriver browser) {
        return String.valueOf(((JavascriptExecutor) browser)
                .executeScript("const b = document.querySelector('.live-responses-table .response-col_description"
                        + " .microlight, .live-responses-table .response-col_description pre');"
                        + " return b ? b.textContent : '';"));
    }

    private static String curlShown(WebDriver browser) {
        return String.valueOf(((JavascriptExecutor) browser)
                .executeScript("const c = document.querySelector('.opblock.is-open .curl-command .curl,"
                        + " .opblock.is-open .curl-command pre, .opblock.is-open .curl');"
                        + " return c ? c.textContent : '';"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}

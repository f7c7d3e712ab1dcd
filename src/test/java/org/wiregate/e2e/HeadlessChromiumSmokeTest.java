package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.HeadlessChromium;
import org.wiregate.support.TestDirectories;

/** The browser setup itself: headless Chromium renders the Spanish front page and a screenshot of it is saved. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HeadlessChromiumSmokeTest {

    private static final Path work = TestDirectories.create("chromium-smoke");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "chromium-smoke", work.resolve("inbox"));
    }

    @Test
    void chromiumRendersTheSpanishFrontPage() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            chromium.driver().get("http://localhost:" + port + "/es/");
            chromium.await().until(ExpectedConditions.presenceOfElementLocated(By.tagName("body")));

            Object lang =
                    ((JavascriptExecutor) chromium.driver()).executeScript("return document.documentElement.lang");
            assertThat(lang).isEqualTo("es");

            Path png = chromium.screenshot("smoke-es-front-page");
            assertThat(png).isEqualTo(HeadlessChromium.SCREENSHOTS.resolve("smoke-es-front-page.png"));
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes.length).isGreaterThan(PNG_SIGNATURE.length);
            assertThat(Arrays.copyOf(bytes, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
        }
    }
}

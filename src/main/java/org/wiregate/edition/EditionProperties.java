package org.wiregate.edition;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Edition matching settings ({@code gateway.editions.*}). The model and its thresholds are not
 * settings: they are learned ({@code edition-model.json}, docs/feeds.md "Edition links").
 *
 * @param window how far apart two editions may be published
 */
@ConfigurationProperties("gateway.editions")
public record EditionProperties(@DefaultValue("24h") Duration window) {

    EditionLinker linker() {
        return EditionLinker.of(EditionModel.shipped(), window);
    }
}

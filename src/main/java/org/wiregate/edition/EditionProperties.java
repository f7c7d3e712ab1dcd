package org.wiregate.edition;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Edition matching settings ({@code gateway.editions.*}). The model and its thresholds are not
 * settings: they are learned ({@code edition-model.json}, docs/feeds.md "Edition links").
 *
 * @param window how far apart two editions may be published
 * @param catchUpEvery how often, at most, the in-memory window looks for what was stored elsewhere
 * @param pruneEvery how often articles two windows behind the newest arrival leave it
 * @param warmUpAtStart whether the window is read when the gateway has started, in the background,
 *     rather than by the first arrival
 */
@ConfigurationProperties("gateway.editions")
public record EditionProperties(
        @DefaultValue("24h") Duration window,
        @DefaultValue("1s") Duration catchUpEvery,
        @DefaultValue("1m") Duration pruneEvery,
        @DefaultValue("true") boolean warmUpAtStart) {

    StoredWindow.Upkeep upkeep() {
        return new StoredWindow.Upkeep(catchUpEvery, pruneEvery);
    }

    EditionLinker linker() {
        return EditionLinker.of(EditionModel.shipped(), window);
    }
}

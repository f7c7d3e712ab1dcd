package org.wiregate.websub;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * WebSub settings ({@code gateway.websub.*}). The hub URL feeds name ({@code hub-url}) is read by
 * {@link org.wiregate.publish.PublicUrls}; blank means the built-in hub at {@code /websub/hub}.
 *
 * @param publishTo             external hubs pinged (hub.mode=publish) when a feed has new content
 * @param allowPrivateCallbacks accept callbacks on loopback, private and link-local addresses (tests, closed networks)
 * @param defaultLease          lease when the subscriber asks for none
 * @param minLease              shortest lease granted (requests are clamped)
 * @param maxLease              longest lease granted
 * @param retryDelays           waits before each further delivery attempt after a failure (so 1 + size attempts)
 * @param coalesce              changes within this window make one notification per topic
 * @param connectTimeout        connecting to a callback or hub
 * @param requestTimeout        a whole request to a callback or hub
 * @param threads               workers for verifications, deliveries and pings
 */
@ConfigurationProperties("gateway.websub")
public record WebSubProperties(
        @DefaultValue List<String> publishTo,
        @DefaultValue("false") boolean allowPrivateCallbacks,
        @DefaultValue("5d") Duration defaultLease,
        @DefaultValue("1h") Duration minLease,
        @DefaultValue("10d") Duration maxLease,
        @DefaultValue({"1s", "4s", "16s"}) List<Duration> retryDelays,
        @DefaultValue("300ms") Duration coalesce,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("4") int threads) {

    public WebSubProperties {
        publishTo = publishTo == null
                ? List.of()
                : publishTo.stream()
                        .filter(s -> s != null && !s.isBlank())
                        .map(String::trim)
                        .toList();
        retryDelays = retryDelays == null ? List.of() : List.copyOf(retryDelays);
    }
}

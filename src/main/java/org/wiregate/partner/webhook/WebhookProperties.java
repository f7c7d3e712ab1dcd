package org.wiregate.partner.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Partner webhook settings ({@code gateway.partners.webhooks.*}).
 *
 * @param pollInterval           how often the dispatcher turns new change-log entries into deliveries and sends due ones
 * @param connectTimeout         connecting to a partner's endpoint
 * @param requestTimeout         a whole delivery request; longer counts as a failed attempt (retried)
 * @param retryBase              the first retry waits up to this long; the ceiling doubles per attempt
 * @param retryCap               the longest wait between two attempts
 * @param maxAge                 a delivery still failing this long after its first attempt becomes a dead letter
 * @param disableAfter           an endpoint whose every attempt failed for this long (no success since) is disabled
 * @param allowPrivateUrls       accept endpoint URLs on loopback and private networks (tests, closed networks)
 * @param threads                endpoints served at once; one endpoint's deliveries go one after another
 * @param maxEndpointsPerPartner how many endpoints one partner may register
 * @param secretOverlap          after a secret rotation, how long the previous secret still signs alongside the new one
 * @param keepDelivered          delivered rows are kept this long (for redelivery), then deleted
 * @param keepDead               dead letters are kept this long, then deleted
 */
@ConfigurationProperties("gateway.partners.webhooks")
public record WebhookProperties(
        @DefaultValue("PT5S") Duration pollInterval,
        @DefaultValue("PT10S") Duration connectTimeout,
        @DefaultValue("PT10S") Duration requestTimeout,
        @DefaultValue("PT30S") Duration retryBase,
        @DefaultValue("PT1H") Duration retryCap,
        @DefaultValue("PT72H") Duration maxAge,
        @DefaultValue("PT24H") Duration disableAfter,
        @DefaultValue("false") boolean allowPrivateUrls,
        @DefaultValue("4") int threads,
        @DefaultValue("10") int maxEndpointsPerPartner,
        @DefaultValue("PT24H") Duration secretOverlap,
        @DefaultValue("P7D") Duration keepDelivered,
        @DefaultValue("P30D") Duration keepDead) {}

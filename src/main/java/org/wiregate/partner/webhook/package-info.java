/**
 * Signed partner webhooks. The contract, as docs/partners.md states it for partners:
 * <ul>
 *   <li><b>What.</b> Each change-log entry an endpoint's partner may see (the same query and
 *   entitlements as the delta API) becomes one delivery if the endpoint asked for its event:
 *   {@code canceled} when the item is killed, {@code published} for revision 1 or for an
 *   embargoed item released to a partner without embargo preview (the first time that partner can
 *   see it), otherwise {@code updated}; receivers upsert by {@code uri}, since an endpoint may get an
 *   update of an item it never had (older than the endpoint, or changed again within one pass). The body is {@code {"event", "delivery", "item"}} with the ninjs item exactly as
 *   the partner API renders it for this partner (summary-only cut, usage terms, edition links in
 *   scope). A delivery is what the partner was entitled to when the change was logged.</li>
 *   <li><b>At least once.</b> A delivery is a row until it is delivered or dead, so a restart or a
 *   crash mid-attempt repeats at most that attempt. Receivers dedupe on {@code Wiregate-Delivery}
 *   (a redelivery keeps its id) or on ninjs {@code uri} + {@code version}.</li>
 *   <li><b>Order.</b> Deliveries are created and first attempted in change-log order per endpoint,
 *   and one endpoint's deliveries go one at a time. A delivery waiting for a retry does not hold back
 *   newer ones (one bad item must not stall a partner for 72 h), so after failures a receiver may see
 *   an older version after a newer one: every delivery is a full snapshot, keep the highest
 *   {@code version} per {@code uri}.</li>
 *   <li><b>Retries.</b> 2xx delivered; 5xx, 408, 429, timeouts and connection errors retried with
 *   exponential backoff and full jitter ({@code retry-base} doubling to {@code retry-cap}, or longer
 *   if {@code Retry-After} asks), until {@code max-age} after the first attempt, then a dead letter;
 *   any other answer (4xx, a redirect) is a dead letter at once.</li>
 *   <li><b>Disabling.</b> An endpoint with no successful delivery for {@code disable-after} is
 *   disabled: no attempts, and its cursor stops, so changes made while it is disabled are held in the
 *   change log rather than queued or dropped. Enabling it (partner API) sends what was pending and
 *   what was held, in order.</li>
 * </ul>
 */
package org.wiregate.partner.webhook;

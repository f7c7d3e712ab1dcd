package org.wiregate.partner;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The bodies the partner admin API takes, bound by Jackson ({@link PartnerAdminRequestReader}: no
 * unknown fields, strings as strings, whole numbers as whole numbers). A field left out is null:
 * on a change it keeps the current value.
 */
final class PartnerAdminRequests {

    private PartnerAdminRequests() {}

    /** {@code POST /ops/partners}: the id is required here, the name by {@link PartnerAdmin#create}. */
    record NewPartner(String id, String name, JsonNode entitlements, Integer ratePerMinute, Integer burst) {
        NewPartner {
            if (id == null) {
                throw new IllegalArgumentException("id is required");
            }
        }

        PartnerAdmin.Contract contract() {
            return PartnerAdminRequests.contract(name, entitlements, ratePerMinute, burst);
        }
    }

    /** {@code PUT /ops/partners/{id}}: fields left out stay as they are. */
    record ContractChange(String name, JsonNode entitlements, Integer ratePerMinute, Integer burst) {
        PartnerAdmin.Contract contract() {
            return PartnerAdminRequests.contract(name, entitlements, ratePerMinute, burst);
        }
    }

    /** {@code POST /ops/partners/{id}/feed-tokens}: {@code {"feed": "/partner/feeds/en.rss"}}, checked by {@link PartnerAdmin}. */
    record NewFeedToken(String feed) {}

    /** The types above: the only ones {@link PartnerAdminRequestReader} reads. */
    static final Set<Class<?>> TYPES = Set.of(NewPartner.class, ContractChange.class, NewFeedToken.class);

    /** "[burst, entitlements, id, name, ratePerMinute]": what a request of this type may carry, for messages. */
    static String fieldsOf(Class<?> request) {
        return Arrays.stream(request.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new))
                .toString();
    }

    /** The body of an operation that needs one, or the 400 that says which fields it takes. */
    static <T> T required(T body, Class<T> type) {
        if (body == null) {
            throw new IllegalArgumentException("a JSON object is required, with " + fieldsOf(type));
        }
        return body;
    }

    /** Entitlements left out keep the current ones; {@code "entitlements": null} is the standard contract. */
    private static PartnerAdmin.Contract contract(
            String name, JsonNode entitlements, Integer ratePerMinute, Integer burst) {
        return new PartnerAdmin.Contract(
                name, entitlements == null ? null : EntitlementsJson.fromJson(entitlements), ratePerMinute, burst);
    }
}

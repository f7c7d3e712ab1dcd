package org.wiregate.partner;

import org.wiregate.store.ArticleScope;

/**
 * An authenticated partner request: who, with which credential, and what it may see. Put on the
 * request by {@link PartnerAuthFilter} under {@link #ATTRIBUTE}.
 *
 * @param credentialId the key id or feed-token id (public halves, safe to log)
 * @param feedPath     for a feed token, the one feed path it opens; null for a key
 */
public record PartnerAccess(Partner partner, String credentialId, String feedPath, ArticleScope scope) {

    public static final String ATTRIBUTE = "org.wiregate.partner.PartnerAccess";

    public TextAccess text() {
        return partner.entitlements().text();
    }

    public String partnerId() {
        return partner.id();
    }
}

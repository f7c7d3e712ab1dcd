package org.wiregate.partner;

import org.springframework.stereotype.Component;
import org.wiregate.article.Article;
import org.wiregate.publish.FeedAudience;
import org.wiregate.source.MappingRegistry;
import org.wiregate.source.SourceMapping;

/**
 * What a partner's feeds carry besides the copy. Each item's usage terms name the agency's terms and
 * the kind of contract, never the partner, so every partner with the same contract shares one
 * render of each page; the partner is named once per feed, in its rights statement.
 */
@Component
class PartnerFeedTerms {

    /** Where partner feeds live; self, next and previous links point here (without any token). */
    static final String FEEDS_PATH = "/partner/feeds";

    private final MappingRegistry mappings;

    PartnerFeedTerms(MappingRegistry mappings) {
        this.mappings = mappings;
    }

    FeedAudience audience(PartnerAccess access) {
        boolean summaryOnly = access.text() == TextAccess.SUMMARY;
        return new FeedAudience(
                access.scope(),
                summaryOnly,
                article -> itemTerms(article, summaryOnly),
                rights(access.partner()),
                FEEDS_PATH);
    }

    /** "AFP copy: …; no resale. Partner contract: headline and summary only." */
    String itemTerms(Article article, boolean summaryOnly) {
        String agencyTerms = mappings.find(article.wire().source())
                .map(SourceMapping::partners)
                .map(SourceMapping.Redistribution::usageTerms)
                .orElse(null);
        String contract = "Partner contract: " + (summaryOnly ? "headline and summary only." : "full text.");
        return agencyTerms == null || agencyTerms.isBlank() ? contract : agencyTerms + " " + contract;
    }

    /** The feed-level statement: who the copy is licensed to, so a leaked feed names its licensee. */
    static String rights(Partner partner) {
        return "Licensed to " + partner.name() + " (" + partner.id() + ")"
                + (partner.entitlements().text() == TextAccess.SUMMARY ? " for headline and summary only" : "")
                + ". Each item carries its agency's usage terms; no redistribution beyond the contract.";
    }
}

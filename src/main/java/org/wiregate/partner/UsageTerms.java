package org.wiregate.partner;

import org.springframework.stereotype.Component;
import org.wiregate.article.Article;
import org.wiregate.source.MappingRegistry;
import org.wiregate.source.SourceMapping;

/**
 * The usage terms every partner item carries: the agency contract's terms from the source's
 * mapping, then what this partner's own contract adds.
 */
@Component
public class UsageTerms {

    private final MappingRegistry mappings;

    public UsageTerms(MappingRegistry mappings) {
        this.mappings = mappings;
    }

    public String of(Article article, Partner partner) {
        String agencyTerms = mappings.find(article.wire().source())
                .map(SourceMapping::partners)
                .map(SourceMapping.Redistribution::usageTerms)
                .orElse(null);
        StringBuilder terms = new StringBuilder();
        if (agencyTerms != null) {
            terms.append(agencyTerms).append(' ');
        }
        terms.append("Licensed to ")
                .append(partner.name())
                .append(" (")
                .append(partner.id())
                .append(")");
        if (partner.entitlements().text() == TextAccess.SUMMARY) {
            terms.append(" for headline and summary only");
        }
        terms.append('.');
        if (article.embargoUntil() != null && partner.entitlements().embargoPreview()) {
            terms.append(" Embargoed until ")
                    .append(article.embargoUntil())
                    .append(": not for publication before then.");
        }
        return terms.toString();
    }
}

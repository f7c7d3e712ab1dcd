package org.wiregate.partner;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.wiregate.web.OpsTable;

/** The partners on the ops page: contract at a glance, keys in use, when each was last used, today's usage. */
@Component
class PartnersOpsTable implements OpsTable {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final PartnerRepository partners;
    private final PartnerUsage usage;
    private final Clock clock;

    PartnersOpsTable(PartnerRepository partners, PartnerUsage usage, Clock clock) {
        this.partners = partners;
        this.usage = usage;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String id() {
        return "partners";
    }

    @Override
    public String title() {
        return "Partners";
    }

    @Override
    public List<String> headers() {
        return List.of(
                "Partner",
                "State",
                "Contract",
                "Rate",
                "Keys valid",
                "Key last used",
                "Today (UTC): requests / items / bytes / limited");
    }

    @Override
    public List<Row> rows() {
        Instant now = clock.instant();
        List<Row> rows = new ArrayList<>();
        for (Partner partner : partners.all()) {
            List<PartnerRepository.KeyRow> keys = partners.keysOf(partner.id());
            long valid = keys.stream().filter(k -> k.isValidAt(now)).count();
            Instant lastUsed = keys.stream()
                    .map(PartnerRepository.KeyRow::lastUsedAt)
                    .filter(Objects::nonNull)
                    .max(Instant::compareTo)
                    .orElse(null);
            rows.add(new Row(
                    List.of(
                            partner.id() + " — " + partner.name(),
                            partner.isActive() ? "active" : "disabled " + TIME.format(partner.disabledAt()),
                            summary(partner.entitlements()),
                            partner.ratePerMinute() + "/min, burst " + partner.burst(),
                            Long.toString(valid),
                            lastUsed == null ? "never" : TIME.format(lastUsed),
                            today(partner.id())),
                    !partner.isActive() || valid == 0));
        }
        return rows;
    }

    private String today(String partnerId) {
        LocalDate day = usage.today();
        return usage.between(partnerId, day, day).stream()
                .findFirst()
                .map(d -> d.requests() + " / " + d.items() + " / " + d.bytes() + " / " + d.limited())
                .orElse("0 / 0 / 0 / 0");
    }

    /** "en, es · politics · full text · embargo preview" — the dimensions that narrow the contract. */
    static String summary(Entitlements e) {
        List<String> parts = new ArrayList<>();
        parts.add(
                e.languages() == null
                        ? "all languages"
                        : String.join(
                                ", ",
                                e.languages().stream()
                                        .map(l -> l.code())
                                        .sorted()
                                        .toList()));
        if (e.sections() != null) {
            parts.add(String.join(
                    ", ", e.sections().stream().map(s -> s.slug()).sorted().toList()));
        }
        if (e.regions() != null) {
            parts.add(String.join(
                    ", ", e.regions().stream().map(r -> r.slug()).sorted().toList()));
        }
        if (e.contentTypes() != null) {
            parts.add(String.join(
                    ", ", e.contentTypes().stream().map(t -> t.slug()).sorted().toList()));
        }
        parts.add(
                e.agencies() == null
                        ? "all redistributable agencies"
                        : String.join(", ", e.agencies().stream().sorted().toList()));
        parts.add(e.text() == TextAccess.SUMMARY ? "headline and summary" : "full text");
        if (e.embargoPreview()) {
            parts.add("embargo preview");
        }
        return String.join(" · ", parts);
    }
}

package org.wiregate.partner;

import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Usage per partner per UTC day in {@code partner_usage}: counts are only ever added to. */
@Repository
public class PartnerUsageRepository {

    private final JdbcClient jdbc;

    public PartnerUsageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds counts to a day's row, creating it if needed. H2 has no {@code ON CONFLICT DO UPDATE},
     * so this is update, else insert-if-absent, else update again (another instance inserted the
     * row in between): correct on both databases and under concurrent flushes.
     */
    public void add(String partnerId, PartnerUsage.Day counts) {
        if (update(partnerId, counts) == 1) {
            return;
        }
        int inserted = jdbc.sql("INSERT INTO partner_usage (partner_id, usage_day, requests, items, bytes, limited)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(partnerId, counts.day(), counts.requests(), counts.items(), counts.bytes(), counts.limited())
                .update();
        if (inserted == 0 && update(partnerId, counts) != 1) {
            throw new IllegalStateException(
                    "partner_usage row for " + partnerId + " " + counts.day() + " neither inserted nor updated");
        }
    }

    /** Stored days from {@code from} to {@code to} inclusive, oldest first. */
    public List<PartnerUsage.Day> between(String partnerId, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT usage_day, requests, items, bytes, limited FROM partner_usage"
                        + " WHERE partner_id = ? AND usage_day BETWEEN ? AND ? ORDER BY usage_day")
                .params(partnerId, from, to)
                .query((rs, n) -> new PartnerUsage.Day(
                        rs.getObject("usage_day", LocalDate.class),
                        rs.getLong("requests"),
                        rs.getLong("items"),
                        rs.getLong("bytes"),
                        rs.getLong("limited")))
                .list();
    }

    private int update(String partnerId, PartnerUsage.Day counts) {
        return jdbc.sql("UPDATE partner_usage SET requests = requests + ?, items = items + ?, bytes = bytes + ?,"
                        + " limited = limited + ? WHERE partner_id = ? AND usage_day = ?")
                .params(counts.requests(), counts.items(), counts.bytes(), counts.limited(), partnerId, counts.day())
                .update();
    }
}

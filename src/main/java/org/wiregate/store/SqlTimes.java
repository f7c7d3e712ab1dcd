package org.wiregate.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants to and from {@code TIMESTAMP WITH TIME ZONE} columns, the same way on H2 and PostgreSQL:
 * written as UTC offsets, read back as instants; null stays null. One place for every repository.
 */
public final class SqlTimes {

    private static final DateTimeFormatter LITERAL =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00'").withZone(ZoneOffset.UTC);

    private SqlTimes() {}

    /**
     * An instant as a SQL literal both databases read, for a statement that must be planned with
     * its value; cut to whole microseconds (PostgreSQL's precision), so never later than the instant.
     */
    public static String literal(Instant instant) {
        return "TIMESTAMP WITH TIME ZONE '" + LITERAL.format(instant.truncatedTo(ChronoUnit.MICROS)) + "'";
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}

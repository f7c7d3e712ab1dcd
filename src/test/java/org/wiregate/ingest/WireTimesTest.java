package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireTimesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-27T09:45:00+03:00      | 2026-11-27T06:45:00Z
            2026-11-27T09:45:00+0300       | 2026-11-27T06:45:00Z
            2026-11-27T09:45:00+0000       | 2026-11-27T09:45:00Z
            2026-11-27T09:45:00-0330       | 2026-11-27T13:15:00Z
            2026-11-27T09:45:00+03         | 2026-11-27T06:45:00Z
            20261127T094500+0300           | 2026-11-27T06:45:00Z
            20261127T094500Z               | 2026-11-27T09:45:00Z
            20261127T0945                  | 2026-11-27T09:45:00Z
            20261127                       | 2026-11-27T00:00:00Z
            2026-11-27                     | 2026-11-27T00:00:00Z
            2026-11-27T09:45:00.123Z       | 2026-11-27T09:45:00.123Z
            2026-11-27T09:45:00,5+01:00    | 2026-11-27T08:45:00.500Z
            2026-11-27T09:45:00.123456789Z | 2026-11-27T09:45:00.123456789Z
            2026-11-27t09:45:00z           | 2026-11-27T09:45:00Z
            2026-11-27 09:45:00+0000       | 2026-11-27T09:45:00Z
            2026-11-27T09:45:00 +03:00     | 2026-11-27T06:45:00Z
            2026-11-27T09:45               | 2026-11-27T09:45:00Z
            2026-11-27T09:45:00            | 2026-11-27T09:45:00Z
            """)
    void readsTheVariantsAgenciesSend(String text, String utc) {
        assertThat(WireTimes.parseIso(text, "versionCreated")).isEqualTo(Instant.parse(utc));
    }

    @Test
    void blankIsNoTime() {
        assertThat(WireTimes.parseIso(null, "f")).isNull();
        assertThat(WireTimes.parseIso("  ", "f")).isNull();
    }

    @Test
    void textThatIsNoTimeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> WireTimes.parseIso("yesterday", "firstcreated"))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("firstcreated is not an ISO 8601 time: \"yesterday\"");
        assertThatThrownBy(() -> WireTimes.parseIso("2026-13-27T09:45:00Z", "embargoed"))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("embargoed is not a valid time: \"2026-13-27T09:45:00Z\" (");
        assertThatThrownBy(() -> WireTimes.parseIso("2026-11-27T09:45:00+1900", "embargoed"))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("embargoed is not a valid time: \"2026-11-27T09:45:00+1900\" (");
    }

    @Test
    void onlyIsoShapedTextIsReadWhenAnotherReaderStandsBy() {
        assertThat(WireTimes.parseIsoIfShaped(" 2026-11-27T09:45:00.5+0300 "))
                .isEqualTo(Instant.parse("2026-11-27T06:45:00.500Z"));
        assertThat(WireTimes.parseIsoIfShaped("Fri, 27 Nov 2026 08:05:00 +0300"))
                .isNull();
        assertThat(WireTimes.parseIsoIfShaped("2026-13-27T09:45:00Z")).isNull();
        assertThat(WireTimes.parseIsoIfShaped(null)).isNull();
    }
}

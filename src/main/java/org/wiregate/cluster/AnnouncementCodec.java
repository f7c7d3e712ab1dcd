package org.wiregate.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Announcements as NOTIFY payloads: small JSON objects; anything else on the channel is ignored. */
final class AnnouncementCodec {

    /** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more. */
    static final int MAX_PAYLOAD = 7_999;

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private AnnouncementCodec() {}

    static String write(Announcement announcement) {
        try {
            String payload = JSON.writeValueAsString(announcement);
            if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD) {
                throw new IllegalArgumentException("announcement too long for NOTIFY: " + payload.substring(0, 100));
            }
            return payload;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + announcement, e);
        }
    }

    /** Empty for a payload that is not an announcement (another program on the channel, an older version). */
    static Optional<Announcement> read(String payload) {
        try {
            Announcement read = JSON.readValue(payload, Announcement.class);
            return Optional.ofNullable(read);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}

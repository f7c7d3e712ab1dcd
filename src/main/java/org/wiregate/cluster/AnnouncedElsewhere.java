package org.wiregate.cluster;

/** Another instance announced a change other than an article's (partners, routes, mappings); published locally. */
public record AnnouncedElsewhere(Announcement announcement) {

    public boolean is(Topic topic) {
        return announcement.topic() == topic;
    }
}

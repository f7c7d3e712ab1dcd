package org.wiregate.ingest;

/**
 * A classification the agency attached to an item: an IPTC subject or genre, a place, or a plain
 * category with an optional scheme (RSS {@code domain}, Atom {@code scheme}).
 *
 * @param scheme the vocabulary URI or name, or "" when the agency gave none
 * @param code   the code within the scheme (or the category term)
 * @param name   a human name when the agency sent one, else ""
 */
public record WireCode(Kind kind, String scheme, String code, String name) {

    public enum Kind {
        SUBJECT,
        GENRE,
        PLACE,
        CATEGORY
    }

    public WireCode {
        scheme = scheme == null ? "" : scheme.trim();
        code = code == null ? "" : code.trim();
        name = name == null ? "" : name.trim();
    }

    /** Splits a concept URI such as {@code http://cv.iptc.org/newscodes/mediatopic/11000000} into scheme and code. */
    static WireCode fromUri(Kind kind, String uri, String name) {
        if (uri == null || uri.isBlank()) {
            return new WireCode(kind, "", name, name);
        }
        String trimmed = uri.trim();
        int cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf(':'));
        if (cut < 0 || cut == trimmed.length() - 1) {
            return new WireCode(kind, "", trimmed, name);
        }
        return new WireCode(kind, trimmed.substring(0, cut + 1), trimmed.substring(cut + 1), name);
    }
}

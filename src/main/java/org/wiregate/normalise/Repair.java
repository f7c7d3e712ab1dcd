package org.wiregate.normalise;

import java.util.Locale;

/** A kind of repair the gate makes to agency copy; its name is the {@code kind} tag of the repairs counter. */
public enum Repair {
    /** A C0 control character other than tab, line feed and carriage return (XML 1.0 forbids them). */
    CONTROL_CHARACTER,
    /** Half of a UTF-16 surrogate pair without its other half. */
    LONE_SURROGATE,
    /** U+FFFE or U+FFFF, which are not characters. */
    NONCHARACTER,
    /** A bidi embedding, override or isolate left unclosed, or a closing one with nothing to close. */
    UNBALANCED_BIDI,
    /** Text longer than its field's limit, cut. */
    TOO_LONG,
    /** More tags, pictures or links than an item may carry; the rest left out. */
    TOO_MANY,
    /** A URL with spaces or non-ASCII characters, percent-encoded. */
    URL_ENCODED,
    /** A URL that is not absolute http(s) or cannot be parsed, dropped. */
    URL_DROPPED;

    /** The tag value: {@code control-character}, {@code url-dropped}, … */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

package org.wiregate.ingest;

/** Wire formats the gateway recognises from content. */
public enum WireFormat {
    NINJS_1("ninjs 1.x"),
    NINJS_2("ninjs 2.x/3.x"),
    RSS("RSS"),
    ATOM("Atom 1.0"),
    JSON_FEED("JSON Feed"),
    NEWSML_G2("NewsML-G2"),
    NEWSML_1("NewsML 1.2"),
    NITF("NITF"),
    IPTC_7901("IPTC 7901");

    private final String displayName;

    WireFormat(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}

package org.wiregate.partner;

/** How much of an article a partner's contract covers. */
public enum TextAccess {
    /** Headline, standfirst, body, pictures. */
    FULL,
    /** Headline and standfirst only: the body never leaves the gateway for this partner. */
    SUMMARY
}

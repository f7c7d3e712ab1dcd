package org.wiregate.normalise;

/** An item that cannot become an article; the message says why, for the quarantine and the log. */
public class NormalisationException extends RuntimeException {

    public NormalisationException(String message) {
        super(message);
    }
}

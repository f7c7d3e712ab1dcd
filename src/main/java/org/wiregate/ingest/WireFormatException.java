package org.wiregate.ingest;

/** The payload cannot be read as any supported wire format; the message is written for an operator. */
public class WireFormatException extends RuntimeException {

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

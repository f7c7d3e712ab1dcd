package org.wiregate.ingest;

/** Reads one wire format from raw bytes into neutral {@link WireItem}s. */
interface WireParser {

    /** @throws WireFormatException when the bytes are not valid in this format */
    ParsedPayload parse(byte[] payload);
}

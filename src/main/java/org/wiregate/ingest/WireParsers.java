package org.wiregate.ingest;

import org.springframework.stereotype.Component;

/** Detects the format of a received payload and hands it to the parser for that format. */
@Component("wireParsers")
public class WireParsers {

    private final FormatDetector detector = new FormatDetector();
    private final NinjsParser ninjs = new NinjsParser();
    private final SyndicationParser syndication = new SyndicationParser();
    private final NewsMlG2Parser newsmlG2 = new NewsMlG2Parser();
    private final NewsMl1Parser newsml1 = new NewsMl1Parser();
    private final NitfParser nitf = new NitfParser();

    public ParsedPayload parse(byte[] payload) {
        WireFormat format = detector.detect(payload);
        return switch (format) {
            case NINJS_1, NINJS_2 -> ninjs.parse(payload);
            case RSS, ATOM -> syndication.parse(payload);
            case NEWSML_G2 -> newsmlG2.parse(payload);
            case NEWSML_1 -> newsml1.parse(payload);
            case NITF -> nitf.parse(payload);
            default -> throw new WireFormatException(format.displayName() + " is recognised but not ingested yet");
        };
    }
}

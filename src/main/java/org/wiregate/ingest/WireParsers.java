package org.wiregate.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.wiregate.source.MappingRegistry;
import org.wiregate.source.SourceMapping;

/** Detects the format of a received payload and hands it to the parser for that format. */
@Component("wireParsers")
public class WireParsers {

    private final FormatDetector detector = new FormatDetector();
    private final NinjsParser ninjs = new NinjsParser();
    private final SyndicationParser syndication = new SyndicationParser();
    private final NewsMlG2Parser newsmlG2 = new NewsMlG2Parser();
    private final NewsMl1Parser newsml1 = new NewsMl1Parser();
    private final NitfParser nitf = new NitfParser();
    private final JsonFeedParser jsonFeed = new JsonFeedParser();

    /** The mappings, for each source's legacy charset; null when used outside the application (tests, benchmarks). */
    private final MappingRegistry mappings;

    public WireParsers() {
        this(null);
    }

    @Autowired
    public WireParsers(MappingRegistry mappings) {
        this.mappings = mappings;
    }

    /** Parses copy received from a source, with that source's legacy charset for IPTC 7901 / ANPA. */
    public ParsedPayload parseFrom(byte[] payload, String source) {
        Charset charset = mappings == null
                ? StandardCharsets.ISO_8859_1
                : mappings.find(source).map(SourceMapping::legacyCharset).orElse(StandardCharsets.ISO_8859_1);
        return parse(payload, charset);
    }

    public ParsedPayload parse(byte[] payload) {
        return parse(payload, StandardCharsets.ISO_8859_1);
    }

    /**
     * @param legacyCharset the character set of IPTC 7901 / ANPA 1312 copy, which declares none
     *                      (the source mapping's charset); JSON and XML formats ignore it
     */
    public ParsedPayload parse(byte[] payload, Charset legacyCharset) {
        WireFormat format = detector.detect(payload);
        return switch (format) {
            case NINJS_1, NINJS_2 -> ninjs.parse(payload);
            case RSS, ATOM -> syndication.parse(payload);
            case NEWSML_G2 -> newsmlG2.parse(payload);
            case NEWSML_1 -> newsml1.parse(payload);
            case NITF -> nitf.parse(payload);
            case JSON_FEED -> jsonFeed.parse(payload);
            case IPTC_7901 -> new Iptc7901Parser(legacyCharset).parse(payload);
        };
    }
}

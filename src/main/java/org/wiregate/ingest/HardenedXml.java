package org.wiregate.ingest;

import javax.xml.stream.XMLInputFactory;

/**
 * XML readers that never fetch external DTDs or entities and never expand entity declarations:
 * agency XML is untrusted (XXE, billion laughs). Camel's own XML converter does not set these.
 */
final class HardenedXml {

    private HardenedXml() {
    }

    static XMLInputFactory streamFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }
}

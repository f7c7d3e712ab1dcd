package org.wiregate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;

class MappingRegistryTest {

    private static final String VALID = """
            name: Acme Wire
            agency: Acme
            language: es
            sections:
              "Política": politics
            """;

    @TempDir
    Path dir;

    @Test
    void shippedMappingsLoad() {
        MappingRegistry registry = new MappingRegistry(Path.of("mappings"));

        assertThat(registry.all())
                .extracting(SourceMapping::id)
                .containsExactlyInAnyOrder(
                        "standard",
                        "demo",
                        "afp",
                        "reuters",
                        "ap",
                        "dpa",
                        "efe",
                        "prensa-latina",
                        "ansa",
                        "qna",
                        "sana");
        assertThat(registry.find("standard")).isPresent();
        assertThat(registry.find("demo")).isPresent();
    }

    @Test
    void standardMappingMapsIptcMediaTopicsGenresAndCountries() {
        SourceMapping standard = new MappingRegistry(Path.of("mappings")).require("standard");

        assertThat(standard.fixedLanguage()).isEmpty();
        assertThat(standard.sections().get(standard.keyOf("http://cv.iptc.org/newscodes/mediatopic/", "11000000")))
                .isEqualTo(Section.POLITICS);
        assertThat(standard.contentTypes().get(standard.keyOf("https://cv.iptc.org/newscodes/genre/", "Opinion")))
                .isEqualTo(ContentType.OPINION);
        assertThat(standard.regions().get(standard.keyOf("http://cvx.iptc.org/iso3166-1a2/", "ML")))
                .isEqualTo(Region.AFRICA);
        assertThat(standard.defaultSection()).isEqualTo(Section.MISCELLANEOUS);
        assertThat(standard.defaultContentType()).isEqualTo(ContentType.NEWS);
        assertThat(standard.breakingUrgency()).isEqualTo(2);
    }

    @Test
    void demoMappingMapsSectionWordsInAllThreeLanguagesIgnoringCase() {
        SourceMapping demo = new MappingRegistry(Path.of("mappings")).require("demo");

        assertThat(demo.sections().get(SourceMapping.key("سياسة"))).isEqualTo(Section.POLITICS);
        assertThat(demo.sections().get(SourceMapping.key("POLÍTICA"))).isEqualTo(Section.POLITICS);
        assertThat(demo.sections().get(SourceMapping.key("politics"))).isEqualTo(Section.POLITICS);
        assertThat(demo.roleOfScheme("urn:demo:edition-group")).contains(SourceMapping.CategoryRole.EDITION_GROUP);
    }

    @Test
    void unknownSourceIsRefusedNamingTheExpectedFile() {
        MappingRegistry registry = new MappingRegistry(Path.of("mappings"));

        assertThatThrownBy(() -> registry.require("xinhua"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("xinhua")
                .hasMessageContaining("xinhua.yaml");
    }

    @Test
    void validMappingFileIsLoadedUnderItsFileName() throws IOException {
        write("acme.yaml", VALID);

        SourceMapping acme = new MappingRegistry(dir).require("acme");

        assertThat(acme.name()).isEqualTo("Acme Wire");
        assertThat(acme.agency()).isEqualTo("Acme");
        assertThat(acme.fixedLanguage()).contains(Language.ES);
        assertThat(acme.sections()).containsEntry(SourceMapping.key("política"), Section.POLITICS);
    }

    @Test
    void unknownSectionStopsLoadingNamingTheFileAndTheValue() throws IOException {
        write("acme.yaml", """
                name: Acme Wire
                sections:
                  "medtop:11000000": politcs
                """);

        assertThatThrownBy(() -> new MappingRegistry(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acme.yaml")
                .hasMessageContaining("politcs")
                .hasMessageContaining("section");
    }

    @Test
    void unknownRegionStopsLoadingNamingTheFileAndTheValue() throws IOException {
        write("acme.yaml", """
                regions:
                  "iso3166:ML": sahel
                """);

        assertThatThrownBy(() -> new MappingRegistry(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acme.yaml")
                .hasMessageContaining("sahel");
    }

    @Test
    void unknownDefaultSectionStopsLoadingNamingTheFileAndTheValue() throws IOException {
        write("acme.yaml", """
                defaults:
                  section: weather
                """);

        assertThatThrownBy(() -> new MappingRegistry(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acme.yaml")
                .hasMessageContaining("weather");
    }

    @Test
    void unpublishedLanguageStopsLoadingNamingTheFileAndTheValue() throws IOException {
        write("acme.yaml", "language: fr\n");

        assertThatThrownBy(() -> new MappingRegistry(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acme.yaml")
                .hasMessageContaining("'fr'");
    }

    @Test
    void fileNameWithUpperCaseIsRefused() throws IOException {
        write("Acme.yaml", VALID);

        assertThatThrownBy(() -> new MappingRegistry(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Acme.yaml")
                .hasMessageContaining("lower-case");
    }

    @Test
    void missingDirectoryIsRefused() {
        Path missing = dir.resolve("no-such-dir");

        assertThatThrownBy(() -> new MappingRegistry(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-dir")
                .hasMessageContaining("does not exist");
    }

    @Test
    void filesOtherThanYamlAreIgnored() throws IOException {
        write("acme.yaml", VALID);
        write("README.md", "# not a mapping");
        write("old.yaml.bak", "sections: {x: nonsense}");

        MappingRegistry registry = new MappingRegistry(dir);

        assertThat(registry.all()).extracting(SourceMapping::id).containsExactly("acme");
    }

    @Test
    void partnerRedistributionIsDeclaredPerAgencyAndNeverInherited() throws IOException {
        MappingRegistry shipped = new MappingRegistry(Path.of("mappings"));
        assertThat(shipped.require("afp").partners().redistribute()).isTrue();
        assertThat(shipped.require("afp").partners().usageTerms()).startsWith("AFP copy:");
        assertThat(shipped.require("reuters").partners().redistribute())
                .as("own-site-only contract")
                .isFalse();

        write("base.yaml", "name: Base\npartners:\n  redistribute: true\n  usageTerms: Base terms\n");
        write("child.yaml", "extends: base\nname: Child\n");
        MappingRegistry registry = new MappingRegistry(dir);
        assertThat(registry.require("base").partners().redistribute()).isTrue();
        assertThat(registry.require("child").partners())
                .as("a contract is not inherited")
                .isEqualTo(SourceMapping.Redistribution.OWN_SITE_ONLY);
    }

    @Test
    void unknownPartnersKeyStopsLoadingNamingTheLine() throws IOException {
        write("acme.yaml", "name: Acme\npartners:\n  redistribute: true\n  resale: true\n");
        assertThatThrownBy(() -> new MappingRegistry(dir))
                .hasMessageContaining("acme.yaml (line 4)")
                .hasMessageContaining("unknown key 'resale' under partners");
    }

    private void write(String name, String yaml) throws IOException {
        Files.writeString(dir.resolve(name), yaml, StandardCharsets.UTF_8);
    }

    @Test
    void agencyMappingExtendsStandardAndAddsItsOwnWords() {
        MappingRegistry registry = new MappingRegistry(Path.of("mappings"));
        SourceMapping efe = registry.require("efe");

        assertThat(efe.agency()).isEqualTo("EFE");
        assertThat(efe.sections())
                .containsEntry(SourceMapping.key("medtop:11000000"), Section.POLITICS)
                .containsEntry(SourceMapping.key("Deportes"), Section.SPORTS);
        assertThat(efe.regions()).containsEntry(SourceMapping.key("iso3166:ML"), Region.AFRICA);
        assertThat(registry.require("qna").legacyCharset().name()).isEqualTo("windows-1256");
        assertThat(registry.require("qna").fixedLanguage()).hasValue(Language.AR);
    }

    /** The message docs/sources.md ("Adding a source") quotes. */
    @Test
    void unknownKeyIsATypoThatStopsTheStartWithItsLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("acme.yaml"), "name: Acme\nagency: Acme\nsectons:\n  Politics: politics\n");

        assertThatThrownBy(() -> MappingRegistry.loadAll(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acme.yaml (line 3)")
                .hasMessageContaining("unknown key 'sectons'");
    }

    @Test
    void extendingAMissingMappingIsNamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("acme.yaml"), "extends: standrd\nname: Acme\n");

        assertThatThrownBy(() -> MappingRegistry.loadAll(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acme.yaml (line 1)")
                .hasMessageContaining("standrd");
    }

    @Test
    void yamlSyntaxErrorNamesLineAndColumn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("acme.yaml"), "name: Acme\nsections:\n  Politics: [politics\n");

        assertThatThrownBy(() -> MappingRegistry.loadAll(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acme.yaml: not valid YAML at line");
    }
}

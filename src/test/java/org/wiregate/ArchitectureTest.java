package org.wiregate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wiregate.article.Article;

class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("org.wiregate");
    }

    @Test
    void importSeesTheProductionClassesAndNoTests() {
        assertThat(production.contain(Article.class)).isTrue();
        assertThat(production.contain("org.wiregate.ingest.SyndicationParser")).isTrue();
        assertThat(production.contain(ArchitectureTest.class)).isFalse();
    }

    @Test
    void articleModelDependsOnlyOnTheJdkAndItself() {
        ArchRule rule = classes()
                .that()
                .resideInAPackage("org.wiregate.article..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.wiregate.article..")
                .because("the article model is shared by every layer and must not drag in frameworks or formats");

        rule.check(production);
    }

    @Test
    void romeIsUsedOnlyAtTheIngestAndPublishEdges() {
        ArchRule rule = noClasses()
                .that()
                .resideOutsideOfPackages("org.wiregate.ingest..", "org.wiregate.publish..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.rometools..")
                .because("RSS/Atom are wire formats: only parsers and feed writers may know Rome");

        rule.check(production);
    }

    /** The layer order as written in docs/architecture.md: the document and the build cannot disagree. */
    static List<List<String>> documentedLayers() throws IOException {
        String doc = Files.readString(Path.of("docs/architecture.md"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("```layers\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(block.find())
                .as("docs/architecture.md has a ```layers block")
                .isTrue();
        List<List<String>> tiers = new ArrayList<>();
        for (String line : block.group(1).split("\\n")) {
            if (!line.isBlank()) {
                tiers.add(Arrays.stream(line.split("\\|")).map(String::trim).toList());
            }
        }
        return tiers;
    }

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        slices().matching("org.wiregate.(*)..")
                .should()
                .beFreeOfCycles()
                .because("a cycle makes two features one: neither can be understood, tested or changed alone")
                .check(production);
    }

    @Test
    void everyTopLevelPackageHasAPlaceInTheLayerOrder() throws IOException {
        Set<String> documented = new TreeSet<>();
        documentedLayers().forEach(documented::addAll);
        Set<String> actual = new TreeSet<>();
        for (JavaClass type : production) {
            String rest = type.getPackageName().replaceFirst("^org\\.wiregate\\.?", "");
            if (!rest.isEmpty()) {
                actual.add(rest.split("\\.")[0]);
            }
        }
        assertThat(actual).isEqualTo(documented);
    }

    @Test
    void dependenciesGoDownTheLayerOrder() throws IOException {
        List<List<String>> tiers = documentedLayers();
        Architectures.LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> tier : tiers) {
            for (String pkg : tier) {
                layers = layers.layer(pkg).definedBy("org.wiregate." + pkg + "..");
            }
        }
        for (int i = 0; i < tiers.size(); i++) {
            List<String> below = tiers.subList(i + 1, tiers.size()).stream()
                    .flatMap(List::stream)
                    .toList();
            for (String pkg : tiers.get(i)) {
                layers = below.isEmpty()
                        ? layers.whereLayer(pkg).mayNotAccessAnyLayer()
                        : layers.whereLayer(pkg).mayOnlyAccessLayers(below.toArray(String[]::new));
            }
        }
        layers.because("docs/architecture.md: a package uses only the packages below it")
                .check(production);
    }
}

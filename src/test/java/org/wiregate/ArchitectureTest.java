package org.wiregate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
        assertThat(production.contain(org.wiregate.article.Article.class)).isTrue();
        assertThat(production.contain("org.wiregate.ingest.SyndicationParser")).isTrue();
        assertThat(production.contain(ArchitectureTest.class)).isFalse();
    }

    @Test
    void articleModelDependsOnlyOnTheJdkAndItself() {
        ArchRule rule = classes().that().resideInAPackage("org.wiregate.article..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.wiregate.article..")
                .because("the article model is shared by every layer and must not drag in frameworks or formats");

        rule.check(production);
    }

    @Test
    void romeIsUsedOnlyAtTheIngestAndPublishEdges() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("org.wiregate.ingest..", "org.wiregate.publish..")
                .should().dependOnClassesThat().resideInAPackage("com.rometools..")
                .because("RSS/Atom are wire formats: only parsers and feed writers may know Rome");

        rule.check(production);
    }
}

package dev.ragworkbench;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The core stays free of JavaFX so the command line, the tests and the UI share it. */
@AnalyzeClasses(packages = "dev.ragworkbench", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreImportsNoJavaFx = noClasses()
            .that().resideOutsideOfPackage("dev.ragworkbench.ui..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("all logic lives in packages with no JavaFX import; ui is a thin layer on top");
}

package dev.ragworkbench;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layers, as executable rules: core ← app ← {cli, ui}. The core (every package but {@code app}, {@code cli}
 * and {@code ui}) is free of JavaFX and of the faces, so the command line, the tests and the window share it;
 * the two faces do not know each other; and a pane of the window never imports another pane (it opens one
 * through {@code ui.shell.Navigator}).
 */
@AnalyzeClasses(packages = "dev.ragworkbench", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String APP = "dev.ragworkbench.app..";
    private static final String CLI = "dev.ragworkbench.cli..";
    private static final String UI = "dev.ragworkbench.ui..";
    /** What every pane may use besides the core and {@code app}: the window's shared packages. */
    private static final Set<String> SHARED_UI = Set.of("shell", "common", "tasks", "workspace");

    @ArchTest
    static final ArchRule coreImportsNoJavaFx = noClasses()
            .that().resideOutsideOfPackage(UI)
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("all logic lives in packages with no JavaFX import; ui is a thin layer on top");

    @ArchTest
    static final ArchRule coreKnowsNeitherTheRootNorTheFaces = noClasses()
            .that().resideOutsideOfPackages(APP, CLI, UI)
            .and().doNotHaveFullyQualifiedName(Main.class.getName())
            .should().dependOnClassesThat().resideInAnyPackage(APP, CLI, UI)
            .because("app wires the core, and cli and ui are faces on it; the core is below all three");

    @ArchTest
    static final ArchRule commandLineKnowsNoWindow = noClasses()
            .that().resideInAPackage(CLI)
            .should().dependOnClassesThat().resideInAPackage(UI)
            .because("the two faces make the same core calls and share nothing else");

    @ArchTest
    static final ArchRule windowKnowsNoCommandLine = noClasses()
            .that().resideInAPackage(UI)
            .should().dependOnClassesThat().resideInAPackage(CLI)
            .because("the two faces make the same core calls and share nothing else");

    @ArchTest
    static final ArchRule paneImportsNoOtherPane = classes()
            .that().resideInAPackage(UI).and(DescribedPredicate.describe("are in a pane",
                    (JavaClass c) -> pane(c.getPackageName()) != null))
            .should(new ArchCondition<>("use only ui.shell, ui.common, ui.tasks, ui.workspace, app and the core") {
                @Override
                public void check(JavaClass c, ConditionEvents events) {
                    String own = pane(c.getPackageName());
                    for (Dependency d : c.getDirectDependenciesFromSelf()) {
                        String other = pane(d.getTargetClass().getPackageName());
                        if (other != null && !other.equals(own)) {
                            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                        }
                    }
                }
            })
            .because("a pane opens another through the Navigator, so that panes can be built side by side");

    /** The pane a package belongs to ({@code importing} for {@code ui.importing.x}), or null when not a pane. */
    private static String pane(String pkg) {
        String prefix = "dev.ragworkbench.ui.";
        if (!pkg.startsWith(prefix)) {
            return null;
        }
        String first = pkg.substring(prefix.length()).split("\\.")[0];
        return SHARED_UI.contains(first) ? null : first;
    }
}

package dev.vaultoidc.core;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure of {@code docs/architecture.md}, enforced: wiring ({@code http}, {@code auth},
 * {@code internal}) below the features ({@code identity}, {@code oidc}, {@code issue}, {@code verify}),
 * below the client; no package cycle; and no internal type in any public signature, so the internal
 * packages really are invisible to applications. The integrations (servlet, Spring, CLI) sit above all
 * of it in their own modules, which Maven keeps from being seen by this one.
 */
class ArchitectureTest {

    private static final String CORE = "dev.vaultoidc.core";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(CORE);
    }

    @Test
    void packagesAreLayeredWiringThenFeaturesThenClient() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Client")
                .definedBy(CORE)
                .layer("Features")
                .definedBy(CORE + ".identity..", CORE + ".oidc..", CORE + ".issue..", CORE + ".verify..")
                .layer("Wiring")
                .definedBy(CORE + ".http..", CORE + ".auth..", CORE + ".internal..")
                .whereLayer("Client")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Features")
                .mayOnlyBeAccessedByLayers("Client")
                .whereLayer("Wiring")
                .mayOnlyBeAccessedByLayers("Features", "Client")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        // One slice per package (the root package included), so a cycle between any two packages fails.
        slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass c) {
                        return c.getPackageName().startsWith(CORE)
                                ? SliceIdentifier.of(c.getPackageName())
                                : SliceIdentifier.ignore();
                    }

                    @Override
                    public String getDescription() {
                        return "packages of oidc-core";
                    }
                })
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    @Test
    void noPublicSignatureExposesAnInternalType() {
        List<String> leaks = new ArrayList<>();
        for (JavaClass c : classes) {
            if (isInternal(c) || !isVisible(c)) {
                continue;
            }
            c.getRawSuperclass()
                    .filter(ArchitectureTest::isInternal)
                    .ifPresent(s -> leaks.add(c.getName() + " extends " + s.getName()));
            c.getRawInterfaces().stream()
                    .filter(ArchitectureTest::isInternal)
                    .forEach(i -> leaks.add(c.getName() + " implements " + i.getName()));
            for (JavaField f : c.getFields()) {
                if (isApi(f.getModifiers())) {
                    internalIn(f.getType()).forEach(t -> leaks.add(f.getFullName() + ": " + t));
                }
            }
            for (JavaCodeUnit m : c.getCodeUnits()) {
                if (!isApi(m.getModifiers())) {
                    continue;
                }
                List<JavaType> types = new ArrayList<>(m.getParameterTypes());
                types.add(m.getReturnType());
                m.getThrowsClause().getTypes().forEach(types::add);
                for (JavaType t : types) {
                    internalIn(t).forEach(name -> leaks.add(m.getFullName() + ": " + name));
                }
            }
        }
        assertThat(leaks).as("internal types in the public API").isEmpty();
    }

    @Test
    void internalPackagesSayTheyAreInternal() {
        Set<String> internalPackages = new TreeSet<>();
        classes.stream().filter(ArchitectureTest::isInternal).forEach(c -> internalPackages.add(c.getPackageName()));
        assertThat(internalPackages).isNotEmpty();
        for (String p : internalPackages) {
            assertThat(classes.stream().anyMatch(c -> c.getName().equals(p + ".package-info")))
                    .as(p + " has a package-info saying it is internal")
                    .isTrue();
        }
    }

    /**
     * The ceiling promised by the architecture issue (docs/architecture.md, "Public API size"): at most this many
     * public top-level types outside the internal packages. A type that only one class takes or returns is nested
     * in it ({@code OidcClients.Request}, {@code Entities.Ref}), so the API grows without this number creeping.
     */
    static final int MAX_PUBLIC_TOP_LEVEL_TYPES = 55;

    @Test
    void publicTopLevelTypesStayWithinTheCeiling() {
        List<String> api = publicTopLevelTypes();
        assertThat(api)
                .as("public top-level types outside internal packages (%d): %s", api.size(), api)
                .hasSizeLessThanOrEqualTo(MAX_PUBLIC_TOP_LEVEL_TYPES);
    }

    @Test
    void theCountSeesNestedAndPackagePrivateTypesAsNotTopLevelApi() {
        // Guards the counting itself: a nested public record, a package-private class and an internal type
        // must not count, or the ceiling would measure something other than what docs/architecture.md says.
        List<String> api = publicTopLevelTypes();
        assertThat(api)
                .contains(CORE + ".VaultClient", CORE + ".oidc.OidcClients", CORE + ".identity.Entities")
                .doesNotContain(
                        CORE + ".oidc.OidcClients$Request",
                        CORE + ".oidc.Wire",
                        CORE + ".internal.Checks",
                        CORE + ".oidc.package-info");
    }

    private static List<String> publicTopLevelTypes() {
        return classes.stream()
                .filter(c -> !isInternal(c))
                .filter(c -> c.getEnclosingClass().isEmpty() && !c.isAnonymousClass())
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> !c.getSimpleName().equals("package-info"))
                .map(JavaClass::getName)
                .sorted()
                .toList();
    }

    private static boolean isInternal(JavaClass c) {
        return c.getPackageName().startsWith(CORE + ".internal");
    }

    /** Public, and (for a nested type) inside public types all the way out. */
    private static boolean isVisible(JavaClass c) {
        for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
            if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isApi(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static List<String> internalIn(JavaType type) {
        return type.getAllInvolvedRawTypes().stream()
                .filter(ArchitectureTest::isInternal)
                .map(JavaClass::getName)
                .toList();
    }
}

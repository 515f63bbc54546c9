package dev.vaultoidc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.FieldHint;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeHint;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The hints are registered where Spring AOT looks ({@code META-INF/spring/aot.factories}), and they cover what the
 * starter and oidc-core reach reflectively: every oidc-core type Jackson binds (found by scanning oidc-core, so a new
 * one without a hint fails here), the failure analyzer's constructor, and on Spring Security 7 the members the
 * RFC 9728 post-processor uses, which must also still exist there.
 */
class VaultOidcRuntimeHintsTest {
    static final RuntimeHints HINTS = new RuntimeHints();
    static final ClassLoader LOADER = VaultOidcRuntimeHintsTest.class.getClassLoader();

    @BeforeAll
    static void registerAsSpringAotDoes() {
        List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader.forResourceLocation(
                        "META-INF/spring/aot.factories", LOADER)
                .load(RuntimeHintsRegistrar.class);
        assertThat(registrars).hasAtLeastOneElementOfType(VaultOidcRuntimeHints.class);
        registrars.stream()
                .filter(VaultOidcRuntimeHints.class::isInstance)
                .forEach(r -> r.registerHints(HINTS, LOADER));
    }

    @Test
    void everyJacksonBoundTypeOfOidcCoreCanBeBound() throws Exception {
        List<Class<?>> bound = jacksonAnnotatedTypes();
        assertThat(bound).as("oidc-core's Jackson types, scanned").hasSizeGreaterThan(20);

        for (Class<?> type : bound) {
            assertThat(RuntimeHintsPredicates.reflection().onType(type))
                    .as(type.getName())
                    .accepts(HINTS);
            if (type.isRecord()) {
                Class<?>[] parameters = Arrays.stream(type.getRecordComponents())
                        .map(RecordComponent::getType)
                        .toArray(Class<?>[]::new);
                Constructor<?> canonical = type.getDeclaredConstructor(parameters);
                assertThat(RuntimeHintsPredicates.reflection()
                                .onConstructor(canonical)
                                .invoke())
                        .as(type.getName() + " canonical constructor")
                        .accepts(HINTS);
                for (RecordComponent component : type.getRecordComponents()) {
                    assertThat(RuntimeHintsPredicates.reflection()
                                    .onMethod(component.getAccessor())
                                    .invoke())
                            .as(type.getName() + "." + component.getName())
                            .accepts(HINTS);
                }
            }
        }
    }

    @Test
    void everyListedJsonTypeStillExists() {
        // The registrar skips names it cannot load (AOT must not fail on them), so a renamed type would
        // silently lose its hints; this keeps the list honest.
        assertThat(VaultOidcRuntimeHints.JSON_TYPES)
                .allSatisfy(name ->
                        assertThat(ClassUtils.isPresent(name, LOADER)).as(name).isTrue());
    }

    @Test
    void failureAnalyzerNamedInSpringFactoriesCanBeConstructed() throws Exception {
        assertThat(RuntimeHintsPredicates.reflection()
                        .onConstructor(MissingAudienceFailureAnalyzer.class.getDeclaredConstructor(Environment.class))
                        .invoke())
                .accepts(HINTS);
    }

    @Test
    void springSecurity7MembersOfTheMetadataPostProcessorExistAndAreHinted() {
        TypeHint filterHint =
                HINTS.reflection().getTypeHint(TypeReference.of(ProtectedResourceMetadataPostProcessor.FILTER));
        if (!ClassUtils.isPresent(ProtectedResourceMetadataPostProcessor.FILTER, LOADER)) {
            assertThat(filterHint).as("Spring Security 6: nothing to hint").isNull();
            return;
        }
        Class<?> filter = ClassUtils.resolveClassName(ProtectedResourceMetadataPostProcessor.FILTER, LOADER);
        Class<?> builder = ClassUtils.resolveClassName(ProtectedResourceMetadataPostProcessor.BUILDER, LOADER);
        Method setter = ReflectionUtils.findMethod(
                filter, ProtectedResourceMetadataPostProcessor.CUSTOMIZER_SETTER, Consumer.class);
        Method servers = ReflectionUtils.findMethod(
                builder, ProtectedResourceMetadataPostProcessor.AUTHORIZATION_SERVERS, Consumer.class);

        assertThat(ReflectionUtils.findField(filter, ProtectedResourceMetadataPostProcessor.CUSTOMIZER_FIELD))
                .isNotNull();
        assertThat(filterHint.fields().map(FieldHint::getName))
                .containsExactly(ProtectedResourceMetadataPostProcessor.CUSTOMIZER_FIELD);
        assertThat(RuntimeHintsPredicates.reflection().onMethod(setter).invoke())
                .accepts(HINTS);
        assertThat(RuntimeHintsPredicates.reflection().onMethod(servers).invoke())
                .accepts(HINTS);
    }

    /** Classes of oidc-core carrying any Jackson annotation (on the type, a record component or a member). */
    private static List<Class<?>> jacksonAnnotatedTypes() throws IOException {
        List<Class<?>> types = new ArrayList<>();
        for (Resource resource : new PathMatchingResourcePatternResolver(LOADER)
                .getResources("classpath*:dev/vaultoidc/core/**/*.class")) {
            String path = resource.getURL().toString();
            String name = path.substring(path.lastIndexOf("dev/vaultoidc/core/"), path.length() - ".class".length())
                    .replace('/', '.');
            Class<?> type = ClassUtils.resolveClassName(name, LOADER);
            if (jackson(type)) {
                types.add(type);
            }
        }
        return types;
    }

    private static boolean jackson(Class<?> type) {
        Stream<AnnotatedElement> elements = Stream.of(
                        Stream.<AnnotatedElement>of(type),
                        Arrays.stream(type.getDeclaredFields()),
                        Arrays.stream(type.getDeclaredMethods()),
                        Arrays.stream(type.getDeclaredConstructors()),
                        type.isRecord() ? Arrays.stream(type.getRecordComponents()) : Stream.<AnnotatedElement>empty())
                .flatMap(s -> s);
        return elements.flatMap(e -> Arrays.stream(e.getDeclaredAnnotations()))
                .map(Annotation::annotationType)
                .anyMatch(a -> a.getPackageName().startsWith("com.fasterxml.jackson"));
    }
}

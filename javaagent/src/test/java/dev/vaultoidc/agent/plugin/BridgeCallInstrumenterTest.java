package dev.vaultoidc.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaultoidc.agent.bootstrap.InboundBridge;
import dev.vaultoidc.agent.bootstrap.OutboundBridge;
import dev.vaultoidc.agent.bootstrap.OutboundHook;
import dev.vaultoidc.agent.plugin.BridgeCallInstrumenter.Binding;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inserted calls on classes compiled here and loaded, verified, and run in this JVM: the frames of the inbound
 * check (also in a method whose own code starts with a loop, i.e. a frame at offset 0), argument slots after a
 * {@code long}, calls before each return, and a missing method or field reported instead of skipped.
 */
class BridgeCallInstrumenterTest {
    private static final String SOURCE = """
            package t;
            public class Chain {
                public final StringBuilder log = new StringBuilder();
                public String tag = "chain";
                /** Starts with a loop: javac puts a stack map frame at offset 0. */
                public void doFilter(CharSequence request, CharSequence response) {
                    for (;;) {
                        log.append(request).append(';');
                        if (log.length() > 0) {
                            return;
                        }
                    }
                }
                public static String exchange(long id, Object request) {
                    return id + ":" + request;
                }
                public void send(int code) {
                    if (code > 0) {
                        log.append("positive");
                        return;
                    }
                    log.append("other");
                }
            }
            """;

    private final List<String> calls = new ArrayList<>();

    @AfterEach
    void uninstall() {
        InboundBridge.install(null);
        OutboundBridge.install(null);
    }

    @Test
    void theInboundCheckSkipsReplacesOrPassesAndTheClassVerifies(@TempDir Path dir) throws Exception {
        Class<?> chain = load(dir, List.of(target("doFilter", List.of(CS, CS), BridgeCall.inboundDispatch())));
        Method doFilter = chain.getMethod("doFilter", CharSequence.class, CharSequence.class);

        InboundBridge.install((request, response) -> "HANDLED".contentEquals((CharSequence) request)
                ? InboundBridge.HANDLED
                : "swap".contentEquals((CharSequence) request) ? "swapped" : null);
        Object handled = chain.getConstructor().newInstance();
        doFilter.invoke(handled, "HANDLED", "r");
        assertThat(log(handled)).isEmpty();
        Object swapped = chain.getConstructor().newInstance();
        doFilter.invoke(swapped, "swap", "r");
        assertThat(log(swapped)).isEqualTo("swapped;");
        Object passed = chain.getConstructor().newInstance();
        doFilter.invoke(passed, "plain", "r");
        assertThat(log(passed)).isEqualTo("plain;");
    }

    @Test
    void argumentsAfterALongAndCallsBeforeEachReturnSeeTheRightValues(@TempDir Path dir) throws Exception {
        Class<?> chain = load(
                dir,
                List.of(
                        target(
                                "exchange",
                                List.of("long", "java.lang.Object"),
                                BridgeCall.outbound("jdkExchange", new BridgeCall.Operand.Argument(1))),
                        target(
                                "send",
                                List.of("int"),
                                BridgeCall.outboundAtExit("reactorNettyRequest", new BridgeCall.Operand.This()))));
        OutboundBridge.install(new Recorder());

        assertThat(chain.getMethod("exchange", long.class, Object.class).invoke(null, 7L, "req"))
                .isEqualTo("7:req");
        Object c = chain.getConstructor().newInstance();
        chain.getMethod("send", int.class).invoke(c, 1);
        chain.getMethod("send", int.class).invoke(c, -1);
        // The exit call runs after the method's own work, on both return paths.
        assertThat(calls).containsExactly("jdk req", "reactor positive", "reactor positiveother");
    }

    @Test
    void aMissingMethodOrFieldIsAProblemNotASilentSkip(@TempDir Path dir) throws Exception {
        byte[] bytes = compile(dir);
        BridgeCallInstrumenter.Result result = BridgeCallInstrumenter.instrument(
                bytes,
                List.of(
                        binding(target("doFilter", List.of(CS), BridgeCall.inboundDispatch())),
                        binding(target(
                                "send",
                                List.of("int"),
                                BridgeCall.outbound("reactorNettyRequest", new BridgeCall.Operand.Field("tag", SB))))));
        assertThat(result.applied()).isEmpty();
        assertThat(result.bytes()).isNull();
        assertThat(result.problems().values())
                .containsExactlyInAnyOrder(
                        "no method t.Chain.doFilter(CharSequence) in this version",
                        "t.Chain.send(int) has no field tag Ljava/lang/StringBuilder;");
    }

    private static final String CS = "java.lang.CharSequence";
    private static final String SB = "Ljava/lang/StringBuilder;";

    private final class Recorder implements OutboundHook {
        @Override
        public void jdkExchange(Object request) {
            calls.add("jdk " + request);
        }

        @Override
        public void urlConnectionRequest(Object messageHeader, URL url) {}

        @Override
        public Object okHttpRequest(Object interceptor, Object request) {
            return request;
        }

        @Override
        public void apacheRequest(Object request, Object scope) {}

        @Override
        public void reactorNettyRequest(Object operations) {
            try {
                calls.add("reactor " + operations.getClass().getField("log").get(operations));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Target target(String method, List<String> parameters, BridgeCall call) {
        return new Target("t.Chain", method, parameters, call);
    }

    private static Binding binding(Target target) {
        return new Binding(new TestPlugin(), target);
    }

    private static String log(Object chain) throws ReflectiveOperationException {
        return chain.getClass().getField("log").get(chain).toString();
    }

    private static byte[] compile(Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/t")).resolve("Chain.java");
        Files.writeString(src, SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString()))
                .isZero();
        return Files.readAllBytes(classes.resolve("t/Chain.class"));
    }

    /** Instruments and defines {@code t.Chain}; the JVM verifies it like any class of an application loader. */
    private static Class<?> load(Path dir, List<Target> targets) throws Exception {
        List<Binding> bindings =
                targets.stream().map(BridgeCallInstrumenterTest::binding).toList();
        BridgeCallInstrumenter.Result result = BridgeCallInstrumenter.instrument(compile(dir), bindings);
        assertThat(result.problems()).isEmpty();
        assertThat(result.applied()).hasSameSizeAs(bindings);
        byte[] rewritten = result.bytes();
        ClassLoader loader = new ClassLoader(BridgeCallInstrumenterTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (name.equals("t.Chain")) {
                    return defineClass(name, rewritten, 0, rewritten.length);
                }
                throw new ClassNotFoundException(name);
            }
        };
        Class<?> c = Class.forName("t.Chain", true, loader);
        c.getMethods(); // links it: a bad frame fails here with a VerifyError
        return c;
    }

    private static final class TestPlugin implements AgentPlugin {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public Direction direction() {
            return Direction.OUTBOUND;
        }

        @Override
        public String versions() {
            return "-";
        }

        @Override
        public List<Target> targets() {
            return List.of();
        }
    }
}

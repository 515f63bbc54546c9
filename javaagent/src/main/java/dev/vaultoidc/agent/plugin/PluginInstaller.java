package dev.vaultoidc.agent.plugin;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vaultoidc.agent.logging.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs plugins with Byte Buddy: one transformer per plugin, advice only (no new members, so classes already
 * loaded are retransformed too), and a listener that logs what was instrumented and hands failures to the
 * {@link FailurePolicy}.
 */
public final class PluginInstaller {
    private static final String LOG = "PluginInstaller";

    private final Instrumentation inst;
    private final boolean retransformLoaded;
    private final FailurePolicy failures;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /**
     * @param retransformLoaded whether classes loaded before this call are instrumented too: always on dynamic
     *     attach; at premain only if a target class is already loaded (walking every loaded class costs startup)
     */
    public PluginInstaller(Instrumentation inst, FailurePolicy failures, boolean retransformLoaded) {
        this.inst = inst;
        this.retransformLoaded = retransformLoaded;
        this.failures = failures;
    }

    /**
     * Installs {@code plugins} as one transformer; {@code bridges} are the bootstrap classes their advice calls.
     * One transformer, not one per plugin: each installation walks every loaded class for retransformation.
     */
    public void install(List<AgentPlugin> plugins, Class<?>... bridges) {
        Module agentModule = PluginInstaller.class.getModule();
        Map<String, List<Binding>> byType = new HashMap<>();
        for (AgentPlugin plugin : plugins) {
            plugin.prepare(inst, agentModule);
            for (Target target : plugin.targets()) {
                byType.computeIfAbsent(target.typeName(), t -> new ArrayList<>())
                        .add(new Binding(plugin, target));
            }
        }
        if (byType.isEmpty()) {
            return;
        }
        AgentBuilder.Identified.Extendable builder = null;
        AgentBuilder agent = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.DISABLED)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(new Listener(byType))
                // Replaces the default, which skips bootstrap classes: the JDK's HTTP clients are targets.
                .ignore(nameStartsWith("dev.vaultoidc.agent."));
        for (Map.Entry<String, List<Binding>> e : byType.entrySet()) {
            AgentBuilder.Identified.Narrowable type =
                    builder == null ? agent.type(named(e.getKey())) : builder.type(named(e.getKey()));
            builder = type.transform(transformer(e.getValue()));
        }
        // Byte Buddy's transformer builds a type description for every class the JVM loads; a plain name check
        // in front of it keeps the cost of the thousands of classes that are no target to a set lookup.
        ClassFileTransformer raw = builder.assureReadEdgeTo(inst, bridges).makeRaw();
        Set<String> internalNames = new HashSet<>();
        byType.keySet().forEach(n -> internalNames.add(n.replace('.', '/')));
        inst.addTransformer(new TargetFilter(internalNames, raw), true);
        if (retransformLoaded) {
            List<Class<?>> loaded = new ArrayList<>();
            for (Class<?> c : inst.getAllLoadedClasses()) {
                if (byType.containsKey(c.getName()) && inst.isModifiableClass(c)) {
                    loaded.add(c);
                }
            }
            if (!loaded.isEmpty()) {
                try {
                    inst.retransformClasses(loaded.toArray(Class<?>[]::new));
                } catch (UnmodifiableClassException | RuntimeException e) {
                    AgentLog.warn(LOG, "could not retransform already loaded classes " + loaded + ": " + e, null);
                }
            }
        }
    }

    /** Passes only the target classes on to Byte Buddy. */
    private record TargetFilter(Set<String> internalNames, ClassFileTransformer delegate)
            implements ClassFileTransformer {
        @Override
        public byte[] transform(
                ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes)
                throws IllegalClassFormatException {
            return name != null && internalNames.contains(name)
                    ? delegate.transform(loader, name, redefined, domain, bytes)
                    : null;
        }

        @Override
        public byte[] transform(
                Module module,
                ClassLoader loader,
                String name,
                Class<?> redefined,
                ProtectionDomain domain,
                byte[] bytes)
                throws IllegalClassFormatException {
            return name != null && internalNames.contains(name)
                    ? delegate.transform(module, loader, name, redefined, domain, bytes)
                    : null;
        }
    }

    private record Binding(AgentPlugin plugin, Target target) {
        ElementMatcher.Junction<MethodDescription> methods() {
            ElementMatcher.Junction<MethodDescription> m = named(target.methodName())
                    .and(takesArguments(target.parameterTypes().size()));
            for (int i = 0; i < target.parameterTypes().size(); i++) {
                m = m.and(takesArgument(i, named(target.parameterTypes().get(i))));
            }
            return m;
        }
    }

    private static AgentBuilder.Transformer transformer(List<Binding> bindings) {
        return (builder, type, loader, module, domain) -> {
            DynamicType.Builder<?> b = builder;
            for (Binding binding : bindings) {
                ElementMatcher.Junction<MethodDescription> methods = binding.methods();
                // A container or JDK version whose method is gone must show as a failure, not as silence.
                if (type.getDeclaredMethods().filter(methods).isEmpty()) {
                    throw new IllegalStateException(
                            "no method " + binding.target().describe() + " in this version");
                }
                b = new AgentBuilder.Transformer.ForAdvice()
                        .include(PluginInstaller.class.getClassLoader())
                        .advice(methods, binding.target().adviceClass())
                        .transform(b, type, loader, module, domain);
            }
            return b;
        };
    }

    private final class Listener extends AgentBuilder.Listener.Adapter {
        private final Map<String, List<Binding>> byType;

        Listener(Map<String, List<Binding>> byType) {
            this.byType = byType;
        }

        @Override
        public void onTransformation(
                TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded, DynamicType dynamicType) {
            for (Binding b : byType.getOrDefault(type.getName(), List.of())) {
                failures.applied(b.plugin());
                if (reported.add(b.plugin().name() + " " + b.target().describe())) {
                    AgentLog.info(
                            LOG,
                            "plugin " + b.plugin().name() + " instrumented "
                                    + b.target().describe());
                }
            }
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            for (Binding b : byType.getOrDefault(typeName, List.of())) {
                failures.failed(b.plugin(), b.target(), error);
            }
        }
    }
}

package dev.vaultoidc.agent.plugin;

import dev.vaultoidc.agent.logging.AgentLog;
import dev.vaultoidc.agent.plugin.BridgeCallInstrumenter.Binding;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Installs plugins: one class file transformer for all of them, which looks at a class only when its name is a
 * target's (a map lookup for every other class the JVM loads), inserts the targets' {@link BridgeCall}s, logs what
 * it instrumented and hands failures to the {@link FailurePolicy}. Nothing is added to a class but code at the
 * start of existing methods, so classes already loaded can be retransformed too.
 */
public final class PluginInstaller {
    private static final String LOG = "PluginInstaller";

    private final Instrumentation inst;
    private final boolean retransformLoaded;
    private final FailurePolicy failures;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    /** Classes seen by the transformer; racy increments are fine, it only tells a busy JVM from a quiet one. */
    private volatile long classesSeen;

    /**
     * @param retransformLoaded whether classes loaded before this call are instrumented too: always on dynamic
     *     attach; at premain only if a target class is already loaded (walking every loaded class costs startup)
     */
    public PluginInstaller(Instrumentation inst, FailurePolicy failures, boolean retransformLoaded) {
        this.inst = inst;
        this.retransformLoaded = retransformLoaded;
        this.failures = failures;
    }

    /** Installs {@code plugins}; {@code bridges} are the bootstrap classes their inserted calls go to. */
    public void install(List<AgentPlugin> plugins, Class<?>... bridges) {
        Module agentModule = PluginInstaller.class.getModule();
        Map<String, List<Binding>> byInternalName = new HashMap<>();
        for (AgentPlugin plugin : plugins) {
            plugin.prepare(inst, agentModule);
            for (Target target : plugin.targets()) {
                byInternalName
                        .computeIfAbsent(target.typeName().replace('.', '/'), t -> new ArrayList<>())
                        .add(new Binding(plugin, target));
            }
        }
        if (byInternalName.isEmpty()) {
            return;
        }
        Set<Module> bridgeModules = ConcurrentHashMap.newKeySet();
        for (Class<?> b : bridges) {
            bridgeModules.add(b.getModule());
        }
        inst.addTransformer(new Transformer(byInternalName, bridgeModules), true);
        if (retransformLoaded) {
            List<Class<?>> loaded = new ArrayList<>();
            for (Class<?> c : inst.getAllLoadedClasses()) {
                if (byInternalName.containsKey(c.getName().replace('.', '/')) && inst.isModifiableClass(c)) {
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

    /** How many classes the JVM has defined since {@link #install}: a measure of how busy starting it still is. */
    public long classesSeen() {
        return classesSeen;
    }

    private final class Transformer implements ClassFileTransformer {
        private final Map<String, List<Binding>> byInternalName;
        private final Set<Module> bridgeModules;

        Transformer(Map<String, List<Binding>> byInternalName, Set<Module> bridgeModules) {
            this.byInternalName = byInternalName;
            this.bridgeModules = bridgeModules;
        }

        @Override
        public byte[] transform(
                Module module,
                ClassLoader loader,
                String name,
                Class<?> redefined,
                ProtectionDomain domain,
                byte[] bytes) {
            classesSeen++;
            List<Binding> bindings = name == null ? null : byInternalName.get(name);
            if (bindings == null) {
                return null;
            }
            BridgeCallInstrumenter.Result result;
            try {
                result = BridgeCallInstrumenter.instrument(bytes, bindings);
                if (result.bytes() != null) {
                    readBridges(module);
                }
            } catch (RuntimeException | LinkageError e) {
                // The JVM would swallow it and load the class as it is: that must be seen as the failure it is.
                for (Binding b : bindings) {
                    failures.failed(b.plugin(), b.target(), e);
                }
                return null;
            }
            for (Binding b : result.applied()) {
                failures.applied(b.plugin());
                if (reported.add(b.plugin().name() + " " + b.target().describe())) {
                    AgentLog.info(
                            LOG,
                            "plugin " + b.plugin().name() + " instrumented "
                                    + b.target().describe());
                }
            }
            result.problems()
                    .forEach((b, problem) ->
                            failures.failed(b.plugin(), b.target(), new IllegalStateException(problem)));
            return result.bytes();
        }

        /** A class in a named module (the JDK's clients) may call the bridges only once its module reads theirs. */
        private void readBridges(Module module) {
            if (module == null || !module.isNamed()) {
                return;
            }
            for (Module bridges : bridgeModules) {
                if (!module.canRead(bridges)) {
                    inst.redefineModule(module, Set.of(bridges), Map.of(), Map.of(), Set.of(), Map.of());
                }
            }
        }
    }
}

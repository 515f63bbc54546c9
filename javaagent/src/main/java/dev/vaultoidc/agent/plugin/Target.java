package dev.vaultoidc.agent.plugin;

/**
 * One instrumented method.
 *
 * @param typeName the class whose method is instrumented (exact name; not its subclasses)
 * @param methodName the method's name
 * @param parameterTypes the method's parameter types, by name; it must exist, or the plugin failed to apply
 * @param adviceClass the Byte Buddy advice class, inlined into the method
 */
public record Target(String typeName, String methodName, java.util.List<String> parameterTypes, String adviceClass) {
    /** {@code Type.method(A, B)}, for listings and logs. */
    public String describe() {
        return typeName + "." + methodName + "("
                + String.join(
                        ", ",
                        parameterTypes.stream()
                                .map(t -> t.substring(t.lastIndexOf('.') + 1))
                                .toList()) + ")";
    }
}

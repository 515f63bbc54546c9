package dev.vaultoidc.agent.plugin;

import java.util.List;

/**
 * One instrumented method.
 *
 * @param typeName the class whose method is instrumented (exact name; not its subclasses)
 * @param methodName the method's name
 * @param parameterTypes the method's parameter types, by name ({@code boolean}, {@code a.b.C}); the method must
 *     exist, or the plugin failed to apply
 * @param call what is inserted at the method's start
 */
public record Target(String typeName, String methodName, List<String> parameterTypes, BridgeCall call) {
    public Target {
        parameterTypes = List.copyOf(parameterTypes);
    }

    /** {@code Type.method(A, B)}, for listings and logs. */
    public String describe() {
        return typeName + "." + methodName + "("
                + String.join(
                        ", ",
                        parameterTypes.stream()
                                .map(t -> t.substring(t.lastIndexOf('.') + 1))
                                .toList()) + ")";
    }

    /** The JVM descriptor of the parameter list, {@code (Ljakarta/servlet/ServletRequest;Z)}. */
    String parameterDescriptor() {
        StringBuilder d = new StringBuilder("(");
        for (String t : parameterTypes) {
            d.append(descriptorOf(t));
        }
        return d.append(')').toString();
    }

    private static String descriptorOf(String type) {
        if (type.endsWith("[]")) {
            return "[" + descriptorOf(type.substring(0, type.length() - 2));
        }
        return switch (type) {
            case "boolean" -> "Z";
            case "byte" -> "B";
            case "char" -> "C";
            case "short" -> "S";
            case "int" -> "I";
            case "long" -> "J";
            case "float" -> "F";
            case "double" -> "D";
            default -> "L" + type.replace('.', '/') + ";";
        };
    }
}

package dev.vaultoidc.agent.plugin;

import java.util.List;

/**
 * What the agent inserts into an instrumented method, at its start or before each of its returns: one call to a
 * static method of a bootstrap bridge, with some of the method's arguments, {@code this} or fields of
 * {@code this}, and what becomes of the call's result. The whole instrumentation is this one call; everything
 * else lives in ordinary agent classes.
 *
 * <p>Arguments and {@code this} are passed as {@code Object} (their types belong to the application's loaders,
 * which the bridges cannot see); a field is passed with its declared type, which must match exactly.
 *
 * @param bridge the bridge class, internal name ({@code dev/vaultoidc/agent/bootstrap/OutboundBridge})
 * @param method the bridge's static method
 * @param operands what is passed, in order
 * @param outcome what the result does
 * @param atExit whether the call goes before each return (of a {@code void} method, result ignored) instead of
 *     at the start
 */
public record BridgeCall(String bridge, String method, List<Operand> operands, Outcome outcome, boolean atExit) {
    static final String INBOUND_BRIDGE = "dev/vaultoidc/agent/bootstrap/InboundBridge";
    static final String OUTBOUND_BRIDGE = "dev/vaultoidc/agent/bootstrap/OutboundBridge";
    private static final String OBJECT = "Ljava/lang/Object;";

    public BridgeCall {
        operands = List.copyOf(operands);
        if (outcome == Outcome.DISPATCH
                && !operands.equals(List.of(new Operand.Argument(0), new Operand.Argument(1)))) {
            throw new IllegalArgumentException("a dispatch passes the request and the response");
        }
        if (atExit && outcome != Outcome.NONE) {
            throw new IllegalArgumentException("a call at exit has no result");
        }
    }

    /**
     * The inbound check: {@code InboundBridge.enter(request, response)} on a {@code void m(request, response)};
     * the method is skipped when the bridge answered the request, and runs with the bridge's request when it
     * returned one.
     */
    public static BridgeCall inboundDispatch() {
        return new BridgeCall(
                INBOUND_BRIDGE,
                "enter",
                List.of(new Operand.Argument(0), new Operand.Argument(1)),
                Outcome.DISPATCH,
                false);
    }

    /** A call to {@code OutboundBridge.method(operands...)} whose result is ignored. */
    public static BridgeCall outbound(String method, Operand... operands) {
        return new BridgeCall(OUTBOUND_BRIDGE, method, List.of(operands), Outcome.NONE, false);
    }

    /**
     * A call to {@code OutboundBridge.method(operands...)} just before the method returns (a {@code void} method):
     * for a method that ends by editing what the bridge must see last.
     */
    public static BridgeCall outboundAtExit(String method, Operand... operands) {
        return new BridgeCall(OUTBOUND_BRIDGE, method, List.of(operands), Outcome.NONE, true);
    }

    /** A call to {@code OutboundBridge.method(operands...)} whose result replaces the first argument. */
    public static BridgeCall outboundReplacingFirstArgument(String method, Operand... operands) {
        return new BridgeCall(OUTBOUND_BRIDGE, method, List.of(operands), Outcome.REPLACES_FIRST_ARGUMENT, false);
    }

    /** The bridge method's descriptor. */
    String descriptor() {
        StringBuilder d = new StringBuilder("(");
        for (Operand o : operands) {
            d.append(o instanceof Operand.Field f ? f.descriptor() : OBJECT);
        }
        return d.append(')').append(outcome == Outcome.NONE ? "V" : OBJECT).toString();
    }

    /** One value passed to the bridge. */
    public sealed interface Operand {
        /** The method's argument at {@code index} (0-based), which must be of a reference type. */
        record Argument(int index) implements Operand {}

        /** {@code this}. */
        record This() implements Operand {}

        /**
         * A field declared by the instrumented class itself (not inherited).
         *
         * @param descriptor its JVM type descriptor, e.g. {@code I} or {@code Ljava/util/List;}
         */
        record Field(String name, String descriptor) implements Operand {}
    }

    /** What the bridge's result does. */
    public enum Outcome {
        /** Nothing; the bridge returns {@code void}. */
        NONE,
        /** The bridge returns the value the method then sees as its first argument. */
        REPLACES_FIRST_ARGUMENT,
        /** See {@link #inboundDispatch()}. */
        DISPATCH
    }
}

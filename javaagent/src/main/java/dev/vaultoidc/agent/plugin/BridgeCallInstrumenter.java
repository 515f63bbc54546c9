package dev.vaultoidc.agent.plugin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Inserts each target's {@link BridgeCall} into its method, with plain ASM.
 *
 * <p>Plain ASM rather than a full instrumentation framework because this runs at JVM startup: the agent's whole
 * instrumentation is one static call per method, and a framework's type model costs hundreds of milliseconds of
 * class loading before the application's first line runs. Nothing here resolves or loads other classes: the
 * class is rewritten from its own bytes, the other methods are copied as they are, and the stack map frames the
 * inserted branches need are written by hand (they describe the method's entry state only).
 */
final class BridgeCallInstrumenter {
    private static final String OBJECT = "java/lang/Object";

    private BridgeCallInstrumenter() {}

    /** One target of one plugin. */
    record Binding(AgentPlugin plugin, Target target) {}

    /**
     * The outcome for one class.
     *
     * @param bytes the rewritten class, or {@code null} if nothing was applied
     * @param applied the bindings whose call was inserted
     * @param problems the bindings that could not be applied, with the reason
     */
    record Result(byte[] bytes, List<Binding> applied, Map<Binding, String> problems) {}

    static Result instrument(byte[] bytes, List<Binding> bindings) {
        ClassReader reader = new ClassReader(bytes);
        // Built on the reader: methods that are not rewritten are copied byte for byte, and no flag asks ASM to
        // compute frames (which would load classes to find common super types).
        ClassWriter writer = new ClassWriter(reader, 0);
        Visitor visitor = new Visitor(writer, bindings);
        reader.accept(visitor, 0);
        Map<Binding, String> problems = new LinkedHashMap<>(visitor.problems);
        for (Binding b : bindings) {
            if (!visitor.applied.contains(b) && !problems.containsKey(b)) {
                problems.put(b, "no method " + b.target().describe() + " in this version");
            }
        }
        return new Result(visitor.applied.isEmpty() ? null : writer.toByteArray(), visitor.applied, problems);
    }

    private static final class Visitor extends ClassVisitor {
        private final List<Binding> bindings;
        private final Map<String, String> fields = new HashMap<>();
        private final List<Binding> applied = new ArrayList<>();
        private final Map<Binding, String> problems = new LinkedHashMap<>();
        private String owner;
        private boolean frames;

        Visitor(ClassVisitor next, List<Binding> bindings) {
            super(Opcodes.ASM9, next);
            this.bindings = bindings;
        }

        @Override
        public void visit(
                int version, int access, String name, String signature, String superName, String[] interfaces) {
            owner = name;
            // Stack map frames exist from class file version 50 (Java 6) on; older classes must not get them.
            frames = (version & 0xFFFF) >= Opcodes.V1_6;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            // ClassReader reports every field before the first method.
            if ((access & Opcodes.ACC_STATIC) == 0) {
                fields.put(name, descriptor);
            }
            return super.visitField(access, name, descriptor, signature, value);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
            for (Binding b : bindings) {
                Target t = b.target();
                if (!t.methodName().equals(name) || !descriptor.startsWith(t.parameterDescriptor())) {
                    continue;
                }
                String problem = check(access, descriptor, t.call());
                if (problem != null) {
                    problems.put(b, t.describe() + " " + problem);
                } else {
                    mv = new BridgeCallWriter(mv, owner, access, descriptor, t.call(), frames);
                    applied.add(b);
                }
            }
            return mv;
        }

        /** Why {@code call} cannot go into this method, or {@code null}. */
        private String check(int access, String descriptor, BridgeCall call) {
            if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                return "has no code here";
            }
            boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
            Type[] args = Type.getArgumentTypes(descriptor);
            for (BridgeCall.Operand o : call.operands()) {
                if (o instanceof BridgeCall.Operand.Argument a
                        && (a.index() >= args.length || !isReference(args[a.index()]))) {
                    return "has no reference argument " + a.index();
                }
                if (o instanceof BridgeCall.Operand.This && isStatic) {
                    return "is static";
                }
                if (o instanceof BridgeCall.Operand.Field f
                        && (isStatic || !f.descriptor().equals(fields.get(f.name())))) {
                    return "has no field " + f.name() + " " + f.descriptor();
                }
            }
            if (call.outcome() != BridgeCall.Outcome.NONE && (args.length == 0 || !isReference(args[0]))) {
                return "has no reference first argument";
            }
            if ((call.outcome() == BridgeCall.Outcome.DISPATCH || call.atExit())
                    && Type.getReturnType(descriptor) != Type.VOID_TYPE) {
                return "does not return void";
            }
            return null;
        }

        private static boolean isReference(Type t) {
            return t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY;
        }
    }

    /** Writes the call in front of the method's own first instruction, or in front of each of its returns. */
    private static final class BridgeCallWriter extends MethodVisitor {
        private final String owner;
        private final boolean isStatic;
        private final Type[] args;
        private final BridgeCall call;
        private final boolean frames;

        BridgeCallWriter(
                MethodVisitor next, String owner, int access, String descriptor, BridgeCall call, boolean frames) {
            super(Opcodes.ASM9, next);
            this.owner = owner;
            this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
            this.args = Type.getArgumentTypes(descriptor);
            this.call = call;
            this.frames = frames;
        }

        private int slot(int argument) {
            int slot = isStatic ? 0 : 1;
            for (int i = 0; i < argument; i++) {
                slot += args[i].getSize();
            }
            return slot;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            if (!call.atExit()) {
                call();
            }
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.RETURN && call.atExit()) {
                call();
            }
            super.visitInsn(opcode);
        }

        private void call() {
            for (BridgeCall.Operand o : call.operands()) {
                if (o instanceof BridgeCall.Operand.Argument a) {
                    super.visitVarInsn(Opcodes.ALOAD, slot(a.index()));
                } else if (o instanceof BridgeCall.Operand.This) {
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                } else if (o instanceof BridgeCall.Operand.Field f) {
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    super.visitFieldInsn(Opcodes.GETFIELD, owner, f.name(), f.descriptor());
                }
            }
            super.visitMethodInsn(Opcodes.INVOKESTATIC, call.bridge(), call.method(), call.descriptor(), false);
            switch (call.outcome()) {
                case NONE -> {}
                case REPLACES_FIRST_ARGUMENT -> {
                    super.visitTypeInsn(Opcodes.CHECKCAST, args[0].getInternalName());
                    super.visitVarInsn(Opcodes.ASTORE, slot(0));
                }
                case DISPATCH -> dispatch();
            }
        }

        /**
         * With the bridge's answer on the stack: return if it is {@code HANDLED}; replace the request if it is
         * another object; carry on if it is {@code null}. The frames at the three labels repeat the method's entry
         * state (the first request argument keeps its declared type), so the method's own frames stay valid.
         */
        private void dispatch() {
            Label notHandled = new Label();
            Label keep = new Label();
            Label body = new Label();
            super.visitInsn(Opcodes.DUP);
            super.visitFieldInsn(Opcodes.GETSTATIC, call.bridge(), "HANDLED", "L" + OBJECT + ";");
            super.visitJumpInsn(Opcodes.IF_ACMPNE, notHandled);
            super.visitInsn(Opcodes.POP);
            super.visitInsn(Opcodes.RETURN);
            super.visitLabel(notHandled);
            frame(Opcodes.F_SAME1);
            super.visitInsn(Opcodes.DUP);
            super.visitJumpInsn(Opcodes.IFNULL, keep);
            super.visitTypeInsn(Opcodes.CHECKCAST, args[0].getInternalName());
            super.visitVarInsn(Opcodes.ASTORE, slot(0));
            super.visitJumpInsn(Opcodes.GOTO, body);
            super.visitLabel(keep);
            frame(Opcodes.F_SAME1);
            super.visitInsn(Opcodes.POP);
            super.visitLabel(body);
            frame(Opcodes.F_SAME);
            // The method's own code may start with a frame (a loop at offset 0); two frames cannot share an offset.
            super.visitInsn(Opcodes.NOP);
        }

        private void frame(int type) {
            if (frames) {
                if (type == Opcodes.F_SAME1) {
                    super.visitFrame(Opcodes.F_SAME1, 0, null, 1, new Object[] {OBJECT});
                } else {
                    super.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
                }
            }
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            int needed = 2; // the operands, and room for the two values a dispatch adds to its answer
            for (BridgeCall.Operand o : call.operands()) {
                needed += o instanceof BridgeCall.Operand.Field f
                        ? Type.getType(f.descriptor()).getSize()
                        : 1;
            }
            super.visitMaxs(Math.max(maxStack, needed), maxLocals);
        }
    }
}

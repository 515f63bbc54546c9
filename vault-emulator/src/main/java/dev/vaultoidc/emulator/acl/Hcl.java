package dev.vaultoidc.emulator.acl;

import java.util.ArrayList;
import java.util.List;

/**
 * A parser for HCL1, the syntax of Vault's policies, into a small syntax tree that keeps positions.
 *
 * <p>Why not a library: the one maintained Java HCL library (hcl4j 0.9.4) reads HCL2 and accepts
 * malformed policies such as {@code path "x" { capabilities = ["read" }} without an error, keeps no
 * line numbers (Vault's errors cite them), and would bring twelve jars (HTTP client, commons-beanutils)
 * into the emulator. HCL1's grammar is small: objects, lists, literals, heredocs and comments. Error
 * texts follow HashiCorp's HCL1 parser ({@code At 1:35: error parsing list, expected comma or list
 * end, got: RBRACE}) for the mistakes people make; rarer ones may be worded differently.
 */
final class Hcl {

    /** A 1-based line and column, as HCL prints them. */
    record Pos(int line, int col) {
        @Override
        public String toString() {
            return line + ":" + col;
        }
    }

    /** A value in the tree. */
    sealed interface Node permits ObjectNode, ListNode, Literal {
        Pos pos();
    }

    /** One {@code key ... = value} or {@code key "label" { ... }} entry; {@code assign} is null for blocks. */
    record Item(List<Key> keys, Pos assign, Node value) {
        String firstKey() {
            return keys.get(0).text();
        }
    }

    record Key(String text, Pos pos) {}

    /** An object (or the whole file): its items in source order, duplicates kept. */
    record ObjectNode(List<Item> items, Pos pos) implements Node {}

    record ListNode(List<Node> elements, Pos pos) implements Node {}

    enum LiteralKind {
        STRING,
        HEREDOC,
        NUMBER,
        FLOAT,
        BOOL,
        NULL
    }

    /** A scalar; {@code value} is a String, Long, Double, Boolean or null. */
    record Literal(LiteralKind kind, Object value, Pos pos) implements Node {}

    /** A syntax error, worded as HCL1 words it (without the {@code At line:col: } prefix). */
    static final class SyntaxError extends Exception {
        final Pos pos;

        SyntaxError(Pos pos, String message) {
            super(message);
            this.pos = pos;
        }

        /** {@code At 1:35: ...}, as Vault prints HCL's errors. */
        String vaultText() {
            return "At " + pos + ": " + getMessage();
        }
    }

    private Hcl() {}

    /** Parses a whole HCL1 document into its top-level object. */
    static ObjectNode parse(String text) throws SyntaxError {
        return new Parser(new Lexer(text).tokens()).file();
    }

    // ---------------------------------------------------------------- lexer

    enum T {
        IDENT,
        STRING,
        HEREDOC,
        NUMBER,
        FLOAT,
        BOOL,
        LBRACE,
        RBRACE,
        LBRACK,
        RBRACK,
        ASSIGN,
        COMMA,
        EOF
    }

    record Token(T type, String text, Object value, Pos pos) {}

    private static final class Lexer {
        private final String s;
        private int i;
        private int line = 1;
        private int col = 1;

        Lexer(String s) {
            this.s = s;
        }

        List<Token> tokens() throws SyntaxError {
            List<Token> out = new ArrayList<>();
            while (true) {
                skipSpaceAndComments();
                Pos p = new Pos(line, col);
                if (i >= s.length()) {
                    out.add(new Token(T.EOF, "", null, p));
                    return out;
                }
                char c = s.charAt(i);
                switch (c) {
                    case '{' -> out.add(single(T.LBRACE, p));
                    case '}' -> out.add(single(T.RBRACE, p));
                    case '[' -> out.add(single(T.LBRACK, p));
                    case ']' -> out.add(single(T.RBRACK, p));
                    case '=' -> out.add(single(T.ASSIGN, p));
                    case ',' -> out.add(single(T.COMMA, p));
                    case '"' -> out.add(string(p));
                    case '<' -> out.add(heredoc(p));
                    default -> {
                        if (c == '-' || Character.isDigit(c)) {
                            out.add(number(p));
                        } else if (Character.isLetter(c) || c == '_') {
                            out.add(ident(p));
                        } else {
                            throw new SyntaxError(p, "illegal char");
                        }
                    }
                }
            }
        }

        private Token single(T type, Pos p) {
            advance();
            return new Token(type, type.name(), null, p);
        }

        private void advance() {
            if (s.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
            i++;
        }

        private void skipSpaceAndComments() throws SyntaxError {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    advance();
                } else if (c == '#' || (c == '/' && peek(1) == '/')) {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        advance();
                    }
                } else if (c == '/' && peek(1) == '*') {
                    Pos start = new Pos(line, col);
                    advance();
                    advance();
                    while (i < s.length() && !(s.charAt(i) == '*' && peek(1) == '/')) {
                        advance();
                    }
                    if (i >= s.length()) {
                        throw new SyntaxError(start, "comment not terminated");
                    }
                    advance();
                    advance();
                } else {
                    return;
                }
            }
        }

        private char peek(int ahead) {
            return i + ahead < s.length() ? s.charAt(i + ahead) : '\0';
        }

        private Token ident(Pos p) {
            int start = i;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.') {
                    advance();
                } else {
                    break;
                }
            }
            String text = s.substring(start, i);
            if (text.equals("true") || text.equals("false")) {
                return new Token(T.BOOL, text, Boolean.valueOf(text), p);
            }
            return new Token(T.IDENT, text, text, p);
        }

        private Token number(Pos p) throws SyntaxError {
            int start = i;
            advance();
            boolean isFloat = false;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isDigit(c)) {
                    advance();
                } else if (c == '.' || c == 'e' || c == 'E' || ((c == '+' || c == '-') && isExponent(i - 1))) {
                    isFloat = true;
                    advance();
                } else {
                    break;
                }
            }
            String text = s.substring(start, i);
            try {
                if (isFloat) {
                    return new Token(T.FLOAT, text, Double.valueOf(text), p);
                }
                return new Token(T.NUMBER, text, Long.valueOf(text), p);
            } catch (NumberFormatException e) {
                throw new SyntaxError(p, "illegal char");
            }
        }

        private boolean isExponent(int at) {
            char c = s.charAt(at);
            return c == 'e' || c == 'E';
        }

        private Token string(Pos p) throws SyntaxError {
            advance();
            StringBuilder b = new StringBuilder();
            int braces = 0;
            while (true) {
                if (i >= s.length() || s.charAt(i) == '\n') {
                    throw new SyntaxError(new Pos(line, col), "literal not terminated");
                }
                char c = s.charAt(i);
                // HCL1 keeps ${ ... } interpolations verbatim, quotes inside them included.
                if (c == '$' && peek(1) == '{') {
                    braces++;
                    b.append("${");
                    advance();
                    advance();
                    continue;
                }
                if (braces > 0 && c == '}') {
                    braces--;
                }
                if (c == '"' && braces == 0) {
                    advance();
                    return new Token(T.STRING, b.toString(), b.toString(), p);
                }
                if (c == '\\') {
                    advance();
                    if (i >= s.length()) {
                        throw new SyntaxError(p, "literal not terminated");
                    }
                    char e = s.charAt(i);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case '"' -> b.append('"');
                        case '\\' -> b.append('\\');
                        case 'u' -> {
                            if (i + 4 >= s.length()) {
                                throw new SyntaxError(p, "illegal char escape");
                            }
                            b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                            for (int k = 0; k < 4; k++) {
                                advance();
                            }
                        }
                        default -> throw new SyntaxError(new Pos(line, col), "illegal char escape");
                    }
                    advance();
                    continue;
                }
                b.append(c);
                advance();
            }
        }

        private Token heredoc(Pos p) throws SyntaxError {
            if (peek(1) != '<') {
                throw new SyntaxError(p, "illegal char");
            }
            advance();
            advance();
            boolean indented = false;
            if (i < s.length() && s.charAt(i) == '-') {
                indented = true;
                advance();
            }
            int start = i;
            while (i < s.length() && s.charAt(i) != '\n') {
                advance();
            }
            String anchor = s.substring(start, i).trim();
            if (anchor.isEmpty() || i >= s.length()) {
                throw new SyntaxError(p, "heredoc expected marker");
            }
            advance();
            List<String> lines = new ArrayList<>();
            while (true) {
                if (i >= s.length()) {
                    throw new SyntaxError(p, "heredoc not terminated");
                }
                int ls = i;
                while (i < s.length() && s.charAt(i) != '\n') {
                    advance();
                }
                String lineText = s.substring(ls, i);
                if (i < s.length()) {
                    advance();
                }
                if ((indented ? lineText.trim() : lineText).equals(anchor)) {
                    break;
                }
                lines.add(lineText);
            }
            if (indented) {
                int strip = Integer.MAX_VALUE;
                for (String l : lines) {
                    if (!l.isBlank()) {
                        strip = Math.min(strip, l.length() - l.stripLeading().length());
                    }
                }
                if (strip == Integer.MAX_VALUE) {
                    strip = 0;
                }
                List<String> stripped = new ArrayList<>();
                for (String l : lines) {
                    stripped.add(l.length() >= strip ? l.substring(strip) : l.stripLeading());
                }
                lines = stripped;
            }
            StringBuilder b = new StringBuilder();
            for (String l : lines) {
                b.append(l).append('\n');
            }
            return new Token(T.HEREDOC, b.toString(), b.toString(), p);
        }
    }

    // ---------------------------------------------------------------- parser

    private static final class Parser {
        private final List<Token> toks;
        private int n;

        Parser(List<Token> toks) {
            this.toks = toks;
        }

        private Token peek() {
            return toks.get(n);
        }

        private Token next() {
            return toks.get(n++);
        }

        ObjectNode file() throws SyntaxError {
            ObjectNode o = objectList(false, new Pos(1, 1));
            Token t = peek();
            if (t.type() != T.EOF) {
                throw new SyntaxError(t.pos(), "expected: IDENT | STRING got: " + t.type());
            }
            return o;
        }

        /** Items until EOF (top level) or the closing brace (nested; the brace is left for the caller). */
        private ObjectNode objectList(boolean nested, Pos pos) throws SyntaxError {
            List<Item> items = new ArrayList<>();
            while (true) {
                Token t = peek();
                if (t.type() == T.EOF || (nested && t.type() == T.RBRACE)) {
                    return new ObjectNode(items, pos);
                }
                items.add(objectItem());
                // HCL1 lets a comma separate items inside an object.
                if (nested && peek().type() == T.COMMA) {
                    next();
                }
            }
        }

        private Item objectItem() throws SyntaxError {
            List<Key> keys = new ArrayList<>();
            while (true) {
                Token t = next();
                switch (t.type()) {
                    case IDENT, STRING -> keys.add(new Key((String) t.value(), t.pos()));
                    case ASSIGN -> {
                        if (keys.isEmpty()) {
                            throw new SyntaxError(t.pos(), "expected: IDENT | STRING got: ASSIGN");
                        }
                        if (keys.size() > 1) {
                            throw new SyntaxError(t.pos(), "nested object expected: LBRACE got: ASSIGN");
                        }
                        return new Item(keys, t.pos(), value());
                    }
                    case LBRACE -> {
                        if (keys.isEmpty()) {
                            throw new SyntaxError(t.pos(), "expected: IDENT | STRING got: LBRACE");
                        }
                        return new Item(keys, null, objectRest(t.pos()));
                    }
                    case EOF -> {
                        if (keys.isEmpty()) {
                            throw new SyntaxError(t.pos(), "expected: IDENT | STRING got: EOF");
                        }
                        Pos after = new Pos(t.pos().line(), t.pos().col() + 1);
                        throw new SyntaxError(
                                after,
                                "key '" + keys.get(0).text() + "' expected start of object ('{') or assignment ('=')");
                    }
                    default -> {
                        if (keys.isEmpty()) {
                            throw new SyntaxError(
                                    t.pos(), "expected: IDENT | STRING | ASSIGN | LBRACE got: " + t.type());
                        }
                        throw new SyntaxError(
                                t.pos(),
                                "key '" + keys.get(0).text() + "' expected start of object ('{') or assignment ('=')");
                    }
                }
            }
        }

        private ObjectNode objectRest(Pos lbrace) throws SyntaxError {
            ObjectNode o = objectList(true, lbrace);
            Token t = next();
            if (t.type() != T.RBRACE) {
                // HCL places EOF one column past the end of the text here.
                Pos at = t.type() == T.EOF ? new Pos(t.pos().line(), t.pos().col() + 1) : t.pos();
                throw new SyntaxError(at, "object expected closing RBRACE got: " + t.type());
            }
            return o;
        }

        private Node value() throws SyntaxError {
            Token t = next();
            return switch (t.type()) {
                case STRING -> new Literal(LiteralKind.STRING, t.value(), t.pos());
                case HEREDOC -> new Literal(LiteralKind.HEREDOC, t.value(), t.pos());
                case NUMBER -> new Literal(LiteralKind.NUMBER, t.value(), t.pos());
                case FLOAT -> new Literal(LiteralKind.FLOAT, t.value(), t.pos());
                case BOOL -> new Literal(LiteralKind.BOOL, t.value(), t.pos());
                case LBRACE -> objectRest(t.pos());
                case LBRACK -> list(t.pos());
                default ->
                    throw new SyntaxError(t.pos(), "Unknown token: " + t.pos() + " " + t.type() + " " + t.text());
            };
        }

        private ListNode list(Pos lbrack) throws SyntaxError {
            List<Node> elements = new ArrayList<>();
            boolean needComma = false;
            while (true) {
                Token t = peek();
                if (t.type() == T.RBRACK) {
                    next();
                    return new ListNode(elements, lbrack);
                }
                if (needComma) {
                    if (t.type() != T.COMMA) {
                        throw new SyntaxError(
                                t.pos(), "error parsing list, expected comma or list end, got: " + t.type());
                    }
                    next();
                    needComma = false;
                    continue;
                }
                switch (t.type()) {
                    case STRING, HEREDOC, NUMBER, FLOAT, BOOL, LBRACE, LBRACK -> {
                        elements.add(value());
                        needComma = true;
                    }
                    default -> throw new SyntaxError(t.pos(), "unexpected token while parsing list: " + t.type());
                }
            }
        }
    }
}

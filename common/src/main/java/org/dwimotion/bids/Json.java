package org.dwimotion.bids;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes small JSON documents (sidecars) from ordered maps, lists, strings, numbers, booleans and
 * {@code double[]}; no JSON library is needed in {@code common}. Non-finite numbers become {@code null},
 * integral doubles are written without ".0", others as Java's shortest round-trip decimal.
 */
public final class Json {
    private Json() {
    }

    /** The value pretty-printed with two-space indentation and a final newline. */
    public static String write(Object value) {
        StringBuilder b = new StringBuilder();
        append(b, value, "");
        return b.append('\n').toString();
    }

    private static void append(StringBuilder b, Object value, String indent) {
        if (value == null) {
            b.append("null");
        } else if (value instanceof String s) {
            b.append(string(s));
        } else if (value instanceof Boolean x) {
            b.append(x);
        } else if (value instanceof Integer || value instanceof Long) {
            b.append(value);
        } else if (value instanceof Number x) {
            b.append(number(x.doubleValue()));
        } else if (value instanceof double[] a) {
            b.append('[');
            for (int i = 0; i < a.length; i++) {
                b.append(i > 0 ? ", " : "").append(number(a[i]));
            }
            b.append(']');
        } else if (value instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                b.append("{}");
                return;
            }
            String inner = indent + "  ";
            b.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(inner).append(string(String.valueOf(e.getKey()))).append(": ");
                append(b, e.getValue(), inner);
                b.append(++i < m.size() ? ",\n" : "\n");
            }
            b.append(indent).append('}');
        } else if (value instanceof List<?> l) {
            if (l.isEmpty()) {
                b.append("[]");
                return;
            }
            boolean flat = l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
            if (flat) {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    b.append(i > 0 ? ", " : "");
                    append(b, l.get(i), indent);
                }
                b.append(']');
                return;
            }
            String inner = indent + "  ";
            b.append("[\n");
            for (int i = 0; i < l.size(); i++) {
                b.append(inner);
                append(b, l.get(i), inner);
                b.append(i + 1 < l.size() ? ",\n" : "\n");
            }
            b.append(indent).append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    /** A number as JSON: integral values without ".0", non-finite as null. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v).toLowerCase(Locale.ROOT);
    }

    /** A JSON string literal. */
    public static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}

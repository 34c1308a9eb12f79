package org.dwimotion.spark.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares collected elements, ordered or as multisets, with {@link DeepEquality}; returns a readable failure
 * message or {@code null} when they match.
 */
final class ListComparison {

    /** How many differing elements a message lists. */
    static final int SHOWN = 10;

    private ListComparison() {
    }

    static String ordered(List<?> expected, List<?> actual, Tolerance tol) {
        List<String> diffs = new ArrayList<>();
        int n = Math.min(expected.size(), actual.size());
        int differing = 0;
        for (int i = 0; i < n; i++) {
            String d = DeepEquality.difference(expected.get(i), actual.get(i), tol);
            if (d != null) {
                differing++;
                if (diffs.size() < SHOWN) {
                    diffs.add("  at index " + i + ": " + d);
                }
            }
        }
        if (differing == 0 && expected.size() == actual.size()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        if (expected.size() != actual.size()) {
            sb.append("expected ").append(expected.size()).append(" elements but was ").append(actual.size())
                    .append('\n');
            List<?> longer = expected.size() > actual.size() ? expected : actual;
            String what = expected.size() > actual.size() ? "missing" : "unexpected";
            for (int i = n; i < Math.min(longer.size(), n + SHOWN); i++) {
                sb.append("  ").append(what).append(" at index ").append(i).append(": ")
                        .append(DeepEquality.render(longer.get(i))).append('\n');
            }
        }
        if (differing > 0) {
            sb.append(differing).append(" of ").append(n).append(" compared elements differ")
                    .append(tolSuffix(tol)).append(":\n");
            diffs.forEach(d -> sb.append(d).append('\n'));
        }
        return sb.toString().stripTrailing();
    }

    static String unordered(List<?> expected, List<?> actual, Tolerance tol) {
        // expected indices not matched yet, bucketed by a hash that is consistent with any tolerance
        Map<Integer, List<Integer>> pending = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            pending.computeIfAbsent(DeepEquality.hash(expected.get(i)), k -> new ArrayList<>()).add(i);
        }
        List<Object> unexpected = new ArrayList<>();
        for (Object a : actual) {
            List<Integer> bucket = pending.getOrDefault(DeepEquality.hash(a), List.of());
            int match = -1;
            for (int j = 0; j < bucket.size() && match < 0; j++) {
                if (DeepEquality.equal(expected.get(bucket.get(j)), a, tol)) {
                    match = j;
                }
            }
            if (match >= 0) {
                bucket.remove(match);
            } else {
                unexpected.add(a);
            }
        }
        List<Object> missing = pending.values().stream().flatMap(List::stream).sorted()
                .map(i -> (Object) expected.get(i)).toList();
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("elements differ (ignoring order)").append(tolSuffix(tol))
                .append(": expected ").append(expected.size()).append(", actual ").append(actual.size())
                .append(", missing ").append(missing.size()).append(", unexpected ").append(unexpected.size())
                .append('\n');
        list(sb, "missing", missing);
        list(sb, "unexpected", unexpected);
        return sb.toString().stripTrailing();
    }

    private static void list(StringBuilder sb, String what, List<Object> items) {
        for (int i = 0; i < Math.min(SHOWN, items.size()); i++) {
            sb.append("  ").append(what).append(": ").append(DeepEquality.render(items.get(i))).append('\n');
        }
        if (items.size() > SHOWN) {
            sb.append("  ... and ").append(items.size() - SHOWN).append(" more ").append(what).append('\n');
        }
    }

    private static String tolSuffix(Tolerance tol) {
        return tol.isExact() ? "" : " (tolerance abs " + tol.absolute() + ", rel " + tol.relative() + ")";
    }
}

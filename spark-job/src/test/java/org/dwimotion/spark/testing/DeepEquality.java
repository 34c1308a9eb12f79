package org.dwimotion.spark.testing;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;

import scala.Product;

/**
 * Structural equality for test values: arrays (primitive and object, element by element), Scala tuples and case
 * classes, Spark {@link Row}s, Scala and Java sequences; floats and doubles within a {@link Tolerance}; anything
 * else by {@code equals}. Spark values need this because {@code Tuple2<Integer, float[]>.equals} compares array
 * identities.
 */
final class DeepEquality {

    private static final int RENDER_ELEMENTS = 8;

    private DeepEquality() {
    }

    static boolean equal(Object e, Object a, Tolerance tol) {
        return difference(e, a, tol) == null;
    }

    /**
     * Where {@code e} and {@code a} first differ, as {@code "<path>: expected X but was Y"}, or {@code null} when
     * they are equal.
     */
    static String difference(Object e, Object a, Tolerance tol) {
        return difference("", e, a, tol);
    }

    private static String difference(String path, Object e, Object a, Tolerance tol) {
        if (e == null || a == null) {
            return e == a ? null : mismatch(path, e, a);
        }
        if (isFloating(e) && isFloating(a)) {
            return tol.close(((Number) e).doubleValue(), ((Number) a).doubleValue()) ? null : mismatch(path, e, a);
        }
        if (e.getClass().isArray() && a.getClass().isArray()) {
            return sequenceDifference(path, arrayElements(e), arrayElements(a), tol);
        }
        if (e instanceof Row re && a instanceof Row ra) {
            return sequenceDifference(path, rowFields(re), rowFields(ra), tol);
        }
        if (isSequence(e) && isSequence(a)) {
            return sequenceDifference(path, elements(e), elements(a), tol);
        }
        if (e instanceof Product pe && a instanceof Product pa && pe.getClass() == pa.getClass()) {
            List<Object> fe = productElements(pe);
            List<Object> fa = productElements(pa);
            for (int i = 0; i < fe.size(); i++) {
                String d = difference(path + "._" + (i + 1), fe.get(i), fa.get(i), tol);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return e.equals(a) ? null : mismatch(path, e, a);
    }

    private static String sequenceDifference(String path, List<Object> e, List<Object> a, Tolerance tol) {
        if (e.size() != a.size()) {
            return (path.isEmpty() ? "" : path + ": ") + "expected " + e.size() + " elements but was " + a.size();
        }
        for (int i = 0; i < e.size(); i++) {
            String d = difference(path + "[" + i + "]", e.get(i), a.get(i), tol);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /** A hash consistent with {@link #equal} for any tolerance: floating values do not contribute. */
    static int hash(Object o) {
        if (o == null) {
            return 0;
        }
        if (isFloating(o)) {
            return 7;
        }
        if (o instanceof float[] || o instanceof double[]) {
            return Array.getLength(o);
        }
        if (o.getClass().isArray()) {
            return combine(arrayElements(o));
        }
        if (o instanceof Row r) {
            return combine(rowFields(r));
        }
        if (isSequence(o)) {
            return combine(elements(o));
        }
        if (o instanceof Product p) {
            return 31 * p.getClass().hashCode() + combine(productElements(p));
        }
        return o.hashCode();
    }

    private static int combine(List<Object> parts) {
        int h = 1;
        for (Object p : parts) {
            h = 31 * h + hash(p);
        }
        return h;
    }

    /** A short, readable rendering (long arrays are cut after a few elements). */
    static String render(Object o) {
        if (o == null) {
            return "null";
        }
        if (o.getClass().isArray()) {
            return o.getClass().getComponentType().getSimpleName() + renderElements(arrayElements(o), "[", "]");
        }
        if (o instanceof Row r) {
            return renderElements(rowFields(r), "Row[", "]");
        }
        if (isSequence(o)) {
            return renderElements(elements(o), o.getClass().getSimpleName() + "(", ")");
        }
        if (o instanceof Product p && p.productArity() > 0) {
            return renderElements(productElements(p), "(", ")");
        }
        return String.valueOf(o);
    }

    private static String renderElements(List<Object> items, String open, String close) {
        StringBuilder sb = new StringBuilder(open);
        int n = Math.min(items.size(), RENDER_ELEMENTS);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(render(items.get(i)));
        }
        if (items.size() > n) {
            sb.append(", ... (").append(items.size()).append(" in all)");
        }
        return sb.append(close).toString();
    }

    private static String mismatch(String path, Object e, Object a) {
        return (path.isEmpty() ? "" : path + ": ") + "expected " + render(e) + " but was " + render(a);
    }

    private static boolean isFloating(Object o) {
        return o instanceof Double || o instanceof Float;
    }

    private static boolean isSequence(Object o) {
        return o instanceof List<?> || o instanceof scala.collection.Seq<?>;
    }

    private static List<Object> arrayElements(Object array) {
        int n = Array.getLength(array);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Array.get(array, i));
        }
        return out;
    }

    private static List<Object> rowFields(Row r) {
        List<Object> out = new ArrayList<>(r.length());
        for (int i = 0; i < r.length(); i++) {
            out.add(r.get(i));
        }
        return out;
    }

    private static List<Object> elements(Object seq) {
        List<Object> out = new ArrayList<>();
        if (seq instanceof List<?> l) {
            out.addAll(l);
        } else {
            scala.collection.Iterator<?> it = ((scala.collection.Seq<?>) seq).iterator();
            while (it.hasNext()) {
                out.add(it.next());
            }
        }
        return out;
    }

    private static List<Object> productElements(Product p) {
        List<Object> out = new ArrayList<>(p.productArity());
        for (int i = 0; i < p.productArity(); i++) {
            out.add(p.productElement(i));
        }
        return out;
    }
}

package org.dwimotion.model.loglinear;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LogOps#logNormal} on whole vectors (jdk.incubator.vector, JDK 17): the same IEEE operations in the same
 * order, lane by lane, so every result is bit-identical to the scalar method whatever the vector width (only
 * lane-wise +, −, ×, ÷, shifts and bit reinterpretations; no lane-crossing operation, no FMA, no library LOG whose
 * result could depend on the CPU).
 *
 * <p>Loaded only when the module is present ({@link LogOps#VECTOR_API}); referencing it without the module throws
 * {@link NoClassDefFoundError}.
 */
final class VectorLogOps {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private VectorLogOps() {
    }

    /**
     * {@code a[i] = log(a[i])} for i in [from, to) when every value is positive, normal and finite; returns false,
     * leaving {@code a} untouched, when one is not.
     */
    static boolean logNormalInPlace(double[] a, int from, int to) {
        int upper = from + SPECIES.loopBound(to - from);
        // lane-wise min and max (NaN propagates) rather than masks, which JDK 17's C2 does not intrinsify well
        DoubleVector lo = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector hi = lo;
        for (int i = from; i < upper; i += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, i);
            lo = lo.min(x);
            hi = hi.max(x);
        }
        if (!(lo.reduceLanes(VectorOperators.MIN) >= Double.MIN_NORMAL
                && hi.reduceLanes(VectorOperators.MAX) <= Double.MAX_VALUE)) {
            return false;
        }
        for (int i = upper; i < to; i++) {
            if (!(a[i] >= Double.MIN_NORMAL && a[i] <= Double.MAX_VALUE)) {
                return false;
            }
        }
        int i = from;
        for (; i < upper; i += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, i);
            LongVector bits = x.reinterpretAsLongs();
            LongVector k = bits.sub(LogOps.SQRT_HALF_BITS).lanewise(VectorOperators.ASHR, 52);
            DoubleVector m = bits.sub(k.lanewise(VectorOperators.LSHL, 52)).reinterpretAsDoubles();
            DoubleVector dk = k.add(LogOps.ROUND_BITS).reinterpretAsDoubles().sub(LogOps.ROUND);
            DoubleVector f = m.sub(1);
            DoubleVector s = f.div(f.add(2));
            DoubleVector z = s.mul(s);
            DoubleVector w = z.mul(z);
            DoubleVector t1 = w.mul(w.mul(w.mul(LogOps.LG6).add(LogOps.LG4)).add(LogOps.LG2));
            DoubleVector t2 = z.mul(w.mul(w.mul(w.mul(LogOps.LG7).add(LogOps.LG5)).add(LogOps.LG3)).add(LogOps.LG1));
            DoubleVector r = t2.add(t1);
            DoubleVector hfsq = f.mul(0.5).mul(f);
            DoubleVector inner = s.mul(hfsq.add(r)).add(dk.mul(LogOps.LN2_LO));
            dk.mul(LogOps.LN2_HI).sub(hfsq.sub(inner).sub(f)).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = LogOps.logNormal(a[i]);
        }
        return true;
    }
}

package org.dwimotion.spark.job;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.dwimotion.image.Image3D;
import org.dwimotion.motion.DisplacementError;
import org.dwimotion.pipeline.TransformSet;
import org.dwimotion.sim.SimulatedSeries;

/** Per-class (b=0, each shell) displacement errors of estimated transforms against the simulator's truth. */
record AccuracyReport(Map<Long, double[]> perClass) {

    /**
     * @param estimated N×16, relative to volume 0 (as the job writes them; the simulator's truth is too)
     * @return per class (rounded b, 0 for b=0): the per-volume median in-mask displacement errors, mm
     */
    static AccuracyReport of(double[] estimated, SimulatedSeries truth, Image3D mask) {
        Map<Long, double[]> out = new TreeMap<>();
        double[] b = truth.scheme().bvals();
        for (int v = 0; v < truth.volumes(); v++) {
            long key = b[v] <= 50 ? 0 : Math.round(b[v] / 100.0) * 100;
            double e = DisplacementError.between(TransformSet.get(estimated, v), truth.transform(v),
                    truth.geometry(), mask).median();
            double[] prev = out.getOrDefault(key, new double[0]);
            double[] next = Arrays.copyOf(prev, prev.length + 1);
            next[prev.length] = e;
            out.put(key, next);
        }
        return new AccuracyReport(out);
    }

    /** Median over the class's volumes of the per-volume median error, mm. */
    double median(long bClass) {
        double[] e = perClass.get(bClass).clone();
        Arrays.sort(e);
        int n = e.length;
        return n % 2 == 1 ? e[n / 2] : 0.5 * (e[n / 2 - 1] + e[n / 2]);
    }

    double max(long bClass) {
        return Arrays.stream(perClass.get(bClass)).max().orElse(Double.NaN);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (long k : perClass.keySet()) {
            s.append(String.format(Locale.ROOT, "b=%d: median %.3f mm, max %.3f mm (%d volumes); ", k, median(k),
                    max(k), perClass.get(k).length));
        }
        return s.toString();
    }
}

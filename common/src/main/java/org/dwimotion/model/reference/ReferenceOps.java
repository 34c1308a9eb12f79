package org.dwimotion.model.reference;

/** Small helpers shared by the reference kernels. */
final class ReferenceOps {
    private ReferenceOps() {
    }

    /**
     * Median of {@code sorted[0..len)} with the element at position {@code skip} removed
     * (numpy's convention: the mean of the two middle values for an even count).
     */
    static double medianWithout(double[] sorted, int len, int skip) {
        int r = len - 1;
        if (r % 2 == 1) {
            return at(sorted, r / 2, skip);
        }
        return 0.5 * (at(sorted, r / 2 - 1, skip) + at(sorted, r / 2, skip));
    }

    private static double at(double[] sorted, int reducedIndex, int skip) {
        return sorted[reducedIndex < skip ? reducedIndex : reducedIndex + 1];
    }
}

package org.dwimotion.gradients;

/**
 * A group of volumes with nearly the same b-value.
 *
 * @param bValue  mean b-value of the members (s/mm²)
 * @param volumes 0-based volume indices, ascending
 * @param b0      true for the group of b=0 volumes (b at or below the table's threshold)
 */
public record Shell(double bValue, int[] volumes, boolean b0) {
    public int count() {
        return volumes.length;
    }
}

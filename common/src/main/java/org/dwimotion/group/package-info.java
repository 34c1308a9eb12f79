/**
 * Dataset-level results of a bulk run: the per-volume table of every series ({@link org.dwimotion.group.VolumeTable}),
 * the per-series group summary and its outlier rule ({@link org.dwimotion.group.GroupSummary}), and the run summary
 * with its exit codes ({@link org.dwimotion.group.RunSummary}). Pure functions: Spark only gathers the rows
 * (see {@code docs/bulk.md}).
 */
package org.dwimotion.group;

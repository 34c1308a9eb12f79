/**
 * The self-contained HTML quality-control report: {@link org.dwimotion.report.QcReport} assembles inline SVG plots
 * ({@link org.dwimotion.report.SvgPlot}) and base64 PNG mosaics ({@link org.dwimotion.report.MosaicRenderer},
 * encoded with {@code javax.imageio}); {@link org.dwimotion.report.RunInfo} and
 * {@link org.dwimotion.report.StageTiming} describe the run.
 */
package org.dwimotion.report;

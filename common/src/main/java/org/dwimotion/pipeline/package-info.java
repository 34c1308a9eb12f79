/**
 * The pure, Spark-free steps of the {@code dwimotion run} job: one function per stage, each unit-tested
 * here and called by the thin Spark orchestration in {@code spark-job} ({@code org.dwimotion.spark.job}).
 *
 * <ul>
 *   <li>{@link org.dwimotion.pipeline.IterationSpec}: everything a task needs for one iteration, primitives
 *       only (broadcast once per iteration); rebuilds the design, chunk plan, geometry and mask locally.</li>
 *   <li>{@link org.dwimotion.pipeline.IngestOps}: one streaming pass over a block of volumes, aligned with the
 *       current transforms, cut into per-chunk {@link org.dwimotion.pipeline.VolumePiece}s.</li>
 *   <li>{@link org.dwimotion.pipeline.FitPredictOps}: assembles a voxel-major chunk and predicts every volume
 *       with the LOVO kernel, returning only predicted numbers.</li>
 *   <li>{@link org.dwimotion.pipeline.VolumeRegistrationOps}: registers one observed volume to its assembled
 *       prediction inside the mask.</li>
 *   <li>{@link org.dwimotion.pipeline.ShellAlignment}: after the last iteration, each diffusion-weighted shell's
 *       mean image registered to the mean b=0 image (mutual information) and the offset composed into its
 *       volumes' transforms; the means from {@link org.dwimotion.pipeline.ClassMeans}.</li>
 *   <li>{@link org.dwimotion.pipeline.TransformSet},
 *       {@link org.dwimotion.pipeline.MeanB0Ops}, {@link org.dwimotion.pipeline.ModelChoice},
 *       {@link org.dwimotion.pipeline.SeriesChecks}, {@link org.dwimotion.pipeline.VolumeBlocks}: driver-side
 *       arithmetic (re-referencing, mean b=0, model choice,
 *       input checks, volume blocks).</li>
 * </ul>
 *
 * Conventions are those of {@link org.dwimotion.Conventions}: transforms are "fixed → moving" 4×4 row-major
 * world RAS mm, the fixed space being the reference grid; volumes are 0-based.
 */
package org.dwimotion.pipeline;

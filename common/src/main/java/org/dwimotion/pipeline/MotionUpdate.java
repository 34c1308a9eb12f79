package org.dwimotion.pipeline;

import org.dwimotion.gradients.GradientTable;
import org.dwimotion.image.ImageGeometry;
import org.dwimotion.model.LovoModelType;
import org.dwimotion.registration.method.TransformType;

/**
 * From one LOVO iteration's registrations to the transforms the next iteration (or the outputs) start from, and the
 * gradient table that goes with a set of transforms: the driver's steps between two Spark passes of
 * {@code dwimotion run}, in one place so that their order is fixed and tested.
 *
 * <p>Conventions: transforms N×16, fixed → moving, 4×4 row-major, world RAS mm ({@link TransformSet}); the reference
 * volume (the first b=0) gets the identity; {@code pe} the unit phase-encoding direction in world coordinates;
 * the centre of the rigid parameters and of the eddy fields is the grid's field-of-view centre. The gradient table is
 * the one read (scanner frame, FSL b-vectors); b-vectors are rotated by the head motion ({@code Rᵀg},
 * {@link GradientTable#reoriented}).
 *
 * <p>The order of {@link #next} and why:
 * <ol>
 *   <li>re-referenced to the reference volume ({@link TransformSet#relativeTo});</li>
 *   <li>{@code --transform affine}: the DWIs' eddy parts are set aside ({@link EddyCurrentModel#decompose}), so that
 *       the temporal prior sees the rigid parts only (a PE shear is not head rotation);</li>
 *   <li>{@code --temporal-prior smooth}: the component the iteration's LOVO design cannot see is set to the temporally
 *       smoothest ({@link HiddenMotionSmoothing}; after DTI warm-ups, a DKI iteration blends two spans by b-value,
 *       {@link HiddenMotionSmoothing#applyAfter});</li>
 *   <li>affine: one fitted eddy field is put back on every DWI ({@link EddyCurrentModel#update}).</li>
 * </ol>
 */
public final class MotionUpdate {
    private final GradientTable table;
    private final ImageGeometry grid;
    private final int reference;
    private final boolean affine;
    private final TemporalPrior prior;
    private final double[] pe;
    private final int iterations;

    /**
     * What one iteration hands the next: the transforms, the eddy fields the later iterations extrapolate from, and
     * whether a DTI iteration has run since the start ({@link HiddenMotionSmoothing#applyAfter}).
     */
    public record Step(double[] transforms, EddyCurrentModel.History eddyHistory, boolean afterDti) {
        /** Before the first iteration (or after a restart): {@code transforms}, no eddy history, no DTI yet. */
        public static Step start(double[] transforms) {
            return new Step(transforms, EddyCurrentModel.History.none(), false);
        }
    }

    /**
     * @param table      the gradient table as read (scanner frame)
     * @param reference  the volume the transforms are relative to (the first b=0)
     * @param pe         unit phase-encoding direction, world (read only for {@link TransformType#AFFINE}; may be null
     *                   otherwise)
     * @param iterations the run's number of LOVO iterations (where the eddy field is extrapolated)
     */
    public MotionUpdate(GradientTable table, ImageGeometry grid, int reference, TransformType transform,
                        TemporalPrior prior, double[] pe, int iterations) {
        this.table = table;
        this.grid = grid;
        this.reference = reference;
        this.affine = transform == TransformType.AFFINE;
        this.prior = prior;
        if (affine && pe == null) {
            throw new IllegalArgumentException("an affine run needs its phase-encoding direction");
        }
        this.pe = pe == null ? null : pe.clone();
        this.iterations = iterations;
    }

    /**
     * The head motion the b-vectors are rotated by: the transforms, or in an affine run their rigid parts (an eddy
     * field distorts the image, it does not turn the head; the polar rotation of an affine would count half of a PE
     * shear as rotation).
     *
     * @param transforms N×16. Not modified.
     */
    public double[] headMotion(double[] transforms) {
        return affine ? EddyCurrentModel.rigidParts(transforms, table.bvals(), table.b0Threshold(), pe,
                grid.fieldOfViewCentre()) : transforms;
    }

    /** The gradient table of data aligned with {@code transforms}: b-vectors rotated by the head motion. */
    public GradientTable gradientsFor(double[] transforms) {
        return table.reoriented(grid, TransformSet.split(headMotion(transforms)));
    }

    /**
     * The transforms after iteration {@code iteration} (1-based).
     *
     * @param raw            N×16 the iteration's registrations as they came (not re-referenced). Not modified.
     * @param iterationModel the model the iteration fitted ({@link ModelSchedule}): with the earlier ones', sets the
     *                       hidden component ({@link HiddenMotionSmoothing#applyAfter})
     * @param gradients      the gradient table the iteration fitted with ({@link #gradientsFor} of its start)
     * @param before         what the previous iteration handed on ({@link Step#start} at first)
     */
    public Step next(double[] raw, int iteration, LovoModelType iterationModel, GradientTable gradients,
                     Step before) {
        double[] centre = grid.fieldOfViewCentre();
        double[] transforms = TransformSet.relativeTo(raw, reference);
        double[] eddy = null;
        if (affine) {
            EddyCurrentModel.Parts parts = EddyCurrentModel.decompose(transforms, table.bvals(), table.b0Threshold(),
                    pe, centre);
            transforms = parts.rigid();
            eddy = parts.eddy();
        }
        if (prior == TemporalPrior.SMOOTH) {
            transforms = HiddenMotionSmoothing.applyAfter(transforms, iterationModel, before.afterDti(),
                    gradients.bvals(), gradients.bvecs(), reference, centre, HiddenMotionSmoothing.Settings.defaults());
        }
        boolean afterDti = before.afterDti() || iterationModel == LovoModelType.DTI;
        if (!affine) {
            return new Step(transforms, before.eddyHistory(), afterDti);
        }
        EddyCurrentModel.Update u = EddyCurrentModel.update(transforms, eddy, table.bvals(), table.bvecs(),
                table.b0Threshold(), pe, centre, before.eddyHistory(),
                EddyCurrentModel.extrapolatesAfter(iteration, iterations));
        return new Step(u.transforms(), u.history(), afterDti);
    }
}

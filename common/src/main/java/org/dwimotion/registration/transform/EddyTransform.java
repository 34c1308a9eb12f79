package org.dwimotion.registration.transform;

import org.dwimotion.image.Affines;
import org.dwimotion.image.Rotations;

import java.util.Arrays;

/**
 * Rigid motion followed by a linear eddy-current displacement along the phase-encoding (PE) direction:
 * {@code T(x) = E(G(x))}, {@code G(x) = R(x − c) + c + t} ({@link RigidTransform}), {@code E(y) = y + u·(eᵀ(y − c))}.
 *
 * <p>Parameters (9): {@code tx, ty, tz} (mm), {@code rx, ry, rz} (radians, {@link RigidTransform}'s convention),
 * then the eddy coefficients {@code ex, ey, ez} (mm of displacement along u per mm along world x, y, z;
 * dimensionless). Fixed parameters: the centre c (world mm). u, the unit PE direction in world, is set at
 * construction (world y unless given). A DWI's eddy-current field to first order is such a displacement (FSL eddy's
 * "linear" model), so this family has the 3 parameters of it instead of the 6 other non-rigid ones of an affine,
 * which would otherwise trade against the rotation.
 */
public final class EddyTransform implements Transform {
    public static final int NUMBER_OF_PARAMETERS = 9;
    /** The default PE direction: world y. */
    public static final double[] WORLD_Y = {0, 1, 0};

    private final double[] pe;
    private final RigidTransform rigid;
    private final double[] eddy = new double[3];

    /** Identity about {@code centre} (world mm), PE along world y. */
    public EddyTransform(double[] centre) {
        this(centre, WORLD_Y);
    }

    /** Identity about {@code centre} (world mm) with PE direction {@code pe} (unit, world; not modified). */
    public EddyTransform(double[] centre, double[] pe) {
        requireUnitDirection(pe);
        this.pe = pe.clone();
        this.rigid = new RigidTransform(centre);
    }

    /**
     * Refuses a PE direction that is not a 3-vector of unit length (to 1e-9): the displacement model takes u as
     * given, so a scaled u would silently rescale the eddy coefficients.
     */
    public static void requireUnitDirection(double[] pe) {
        double norm = pe == null || pe.length != 3 ? Double.NaN
                : Math.sqrt(pe[0] * pe[0] + pe[1] * pe[1] + pe[2] * pe[2]);
        if (!(Math.abs(norm - 1) < 1e-9)) {
            throw new IllegalArgumentException("the phase-encoding direction must be a 3-vector of unit length: "
                    + Arrays.toString(pe));
        }
    }

    /** An eddy transform about {@code centre} along {@code pe} equal to {@code matrix} (see {@link #setMatrix}). */
    public static EddyTransform fromMatrix(double[] matrix, double[] centre, double[] pe) {
        EddyTransform t = new EddyTransform(centre, pe);
        t.setMatrix(matrix);
        return t;
    }

    /** @param parameters 9 values, layout in the class note. Not modified. */
    public EddyTransform(double[] centre, double[] pe, double[] parameters) {
        this(centre, pe);
        setParameters(parameters);
    }

    @Override
    public int numberOfParameters() {
        return NUMBER_OF_PARAMETERS;
    }

    @Override
    public double[] getParameters() {
        double[] p = new double[9];
        System.arraycopy(rigid.getParameters(), 0, p, 0, 6);
        System.arraycopy(eddy, 0, p, 6, 3);
        return p;
    }

    @Override
    public void setParameters(double[] parameters) {
        if (parameters == null || parameters.length != 9) {
            throw new IllegalArgumentException("an eddy transform has 9 parameters [tx, ty, tz, rx, ry, rz, ex, ey, ez]");
        }
        for (double p : parameters) {
            if (!Double.isFinite(p)) {
                throw new IllegalArgumentException("non-finite eddy-transform parameter: " + Arrays.toString(parameters));
            }
        }
        rigid.setParameters(Arrays.copyOf(parameters, 6));
        System.arraycopy(parameters, 6, eddy, 0, 3);
    }

    @Override
    public double[] getFixedParameters() {
        return rigid.getFixedParameters();
    }

    @Override
    public void setFixedParameters(double[] centre) {
        rigid.setFixedParameters(centre);
    }

    @Override
    public void setIdentity() {
        rigid.setIdentity();
        Arrays.fill(eddy, 0);
    }

    /** The PE direction (unit, world), a copy. */
    public double[] phaseEncodingDirection() {
        return pe.clone();
    }

    @Override
    public double[] toMatrix() {
        return Affines.multiply(eddyMatrix(eddy, pe, rigid.getFixedParameters()), rigid.toMatrix(), null);
    }

    /**
     * Sets the parameters from a 4×4 affine, projected onto the family: the rows of the 3×3 block orthogonal to u are
     * taken as rigid (the nearest proper rotation to them, completed by their cross product), {@code e} from the
     * u row, and G anchored at the centre ({@code G(c) = E⁻¹(A(c))}). Exact for a matrix of this family.
     *
     * @throws IllegalArgumentException when the matrix cannot be split (singular, reflection)
     */
    @Override
    public void setMatrix(double[] matrix) {
        TransformChecks.checkMatrix(matrix);
        double[] c = rigid.getFixedParameters();
        double[] f = frame(pe);
        double[] lf = mul(mul(f, Rotations.linearPart(matrix)), Rotations.transpose(f));
        double[] r0 = {lf[0], lf[1], lf[2]};
        double[] r2 = {lf[6], lf[7], lf[8]};
        double[] r1 = {r2[1] * r0[2] - r2[2] * r0[1], r2[2] * r0[0] - r2[0] * r0[2], r2[0] * r0[1] - r2[1] * r0[0]};
        double[] m = {r0[0], r0[1], r0[2], r1[0], r1[1], r1[2], r2[0], r2[1], r2[2]};
        if (!(Rotations.det(m) > 1e-12)) {
            throw new IllegalArgumentException("matrix has no proper rotation part off the PE direction");
        }
        double[] rf = Rotations.polarOrthogonal(m);
        double[] ef = new double[3];
        for (int j = 0; j < 3; j++) {
            ef[j] = lf[3] * rf[3 * j] + lf[4] * rf[3 * j + 1] + lf[5] * rf[3 * j + 2] - (j == 1 ? 1 : 0);
        }
        double[] e = new double[3];
        for (int i = 0; i < 3; i++) {
            e[i] = f[i] * ef[0] + f[3 + i] * ef[1] + f[6 + i] * ef[2];
        }
        if (!(1 + ef[1] > 1e-12)) {
            throw new IllegalArgumentException("matrix mirrors or collapses the PE direction (1 + e.u = " + (1 + ef[1])
                    + ")");
        }
        double[] r = mul(mul(Rotations.transpose(f), rf), f);
        double[] anchor = new double[3];
        Affines.apply(matrix, c[0], c[1], c[2], anchor);
        double[] g = new double[3];
        Affines.apply(Affines.invert(eddyMatrix(e, pe, c)), anchor[0], anchor[1], anchor[2], g);
        double[] rigidMatrix = Affines.identity();
        for (int i = 0; i < 3; i++) {
            rigidMatrix[4 * i] = r[3 * i];
            rigidMatrix[4 * i + 1] = r[3 * i + 1];
            rigidMatrix[4 * i + 2] = r[3 * i + 2];
            rigidMatrix[4 * i + 3] = g[i] - (r[3 * i] * c[0] + r[3 * i + 1] * c[1] + r[3 * i + 2] * c[2]);
        }
        rigid.setMatrix(rigidMatrix);
        System.arraycopy(e, 0, eddy, 0, 3);
    }

    @Override
    public void computeJacobianWithRespectToParameters(double x, double y, double z, double[] jacobian) {
        double[] jr = new double[18];
        rigid.computeJacobianWithRespectToParameters(x, y, z, jr);
        double[] g = new double[3];
        rigid.transformPoint(x, y, z, g);
        double[] c = rigid.getFixedParameters();
        // dT/dq = (I + u eᵀ) dG/dq for the rigid parameters; dT/de_j = u (G(x) − c)_j
        for (int p = 0; p < 6; p++) {
            double s = eddy[0] * jr[p] + eddy[1] * jr[6 + p] + eddy[2] * jr[12 + p];
            for (int row = 0; row < 3; row++) {
                jacobian[row * 9 + p] = jr[row * 6 + p] + pe[row] * s;
            }
        }
        for (int j = 0; j < 3; j++) {
            for (int row = 0; row < 3; row++) {
                jacobian[row * 9 + 6 + j] = pe[row] * (g[j] - c[j]);
            }
        }
    }

    @Override
    public EddyTransform copy() {
        return new EddyTransform(rigid.getFixedParameters(), pe, getParameters());
    }

    /** {@code E(y) = y + u·(eᵀ(y − c))}, 4×4 row-major. */
    public static double[] eddyMatrix(double[] e, double[] pe, double[] centre) {
        double ec = e[0] * centre[0] + e[1] * centre[1] + e[2] * centre[2];
        double[] a = Affines.identity();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                a[4 * i + j] += pe[i] * e[j];
            }
            a[4 * i + 3] = -pe[i] * ec;
        }
        return a;
    }

    /** Rows a, u, a × u: a proper rotation taking u to ŷ (in that frame the rows off the PE axis are rigid). */
    private static double[] frame(double[] u) {
        double[] seed = Math.abs(u[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 0, 1};
        double d = seed[0] * u[0] + seed[1] * u[1] + seed[2] * u[2];
        double[] a = {seed[0] - d * u[0], seed[1] - d * u[1], seed[2] - d * u[2]};
        double na = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        a[0] /= na;
        a[1] /= na;
        a[2] /= na;
        double[] b = {a[1] * u[2] - a[2] * u[1], a[2] * u[0] - a[0] * u[2], a[0] * u[1] - a[1] * u[0]};
        return new double[] {a[0], a[1], a[2], u[0], u[1], u[2], b[0], b[1], b[2]};
    }

    private static double[] mul(double[] a, double[] b) {
        double[] o = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                o[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return o;
    }

    @Override
    public String toString() {
        return "EddyTransform[centre=" + Arrays.toString(rigid.getFixedParameters()) + ", pe=" + Arrays.toString(pe)
                + ", params=" + Arrays.toString(getParameters()) + "]";
    }
}

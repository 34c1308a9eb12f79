package org.dwimotion.registration.transform;

import java.util.Arrays;

/**
 * General affine transform about a fixed centre: {@code T(x) = A (x - c) + c + t}.
 *
 * <p>Parameters (12): the 3×3 matrix A row-major ({@code a00, a01, a02, a10, ..., a22},
 * dimensionless), then the translation {@code tx, ty, tz} in mm — ITK's
 * {@code AffineTransform} layout. Fixed parameters: the centre c in world mm.
 */
public final class AffineTransform implements Transform {
    public static final int NUMBER_OF_PARAMETERS = 12;

    private final double[] centre = new double[3];
    private final double[] params = new double[12];

    /** Identity about {@code centre} (3 values, world mm; not modified). */
    public AffineTransform(double[] centre) {
        setFixedParameters(centre);
        setIdentity();
    }

    /** @param parameters 12 values, layout in the class note. Not modified. */
    public AffineTransform(double[] centre, double[] parameters) {
        setFixedParameters(centre);
        setParameters(parameters);
    }

    /** An affine transform about {@code centre} equal to {@code matrix}. */
    public static AffineTransform fromMatrix(double[] matrix, double[] centre) {
        AffineTransform t = new AffineTransform(centre);
        t.setMatrix(matrix);
        return t;
    }

    @Override
    public int numberOfParameters() {
        return NUMBER_OF_PARAMETERS;
    }

    @Override
    public double[] getParameters() {
        return params.clone();
    }

    @Override
    public void setParameters(double[] parameters) {
        if (parameters == null || parameters.length != 12) {
            throw new IllegalArgumentException("an affine transform has 12 parameters (3x3 row-major, then t)");
        }
        for (double p : parameters) {
            if (!Double.isFinite(p)) {
                throw new IllegalArgumentException("non-finite affine parameter: " + Arrays.toString(parameters));
            }
        }
        System.arraycopy(parameters, 0, params, 0, 12);
    }

    @Override
    public double[] getFixedParameters() {
        return centre.clone();
    }

    @Override
    public void setFixedParameters(double[] c) {
        TransformChecks.checkCentre(c);
        System.arraycopy(c, 0, centre, 0, 3);
    }

    @Override
    public void setIdentity() {
        Arrays.fill(params, 0);
        params[0] = params[4] = params[8] = 1;
    }

    @Override
    public double[] toMatrix() {
        return TransformChecks.centredMatrix(params, centre, params[9], params[10], params[11]);
    }

    /** Exact: A is the 3×3 block, t = m - c + A c. */
    @Override
    public void setMatrix(double[] m) {
        TransformChecks.checkMatrix(m);
        double[] p = new double[12];
        double[] c = centre;
        for (int row = 0; row < 3; row++) {
            p[row * 3] = m[row * 4];
            p[row * 3 + 1] = m[row * 4 + 1];
            p[row * 3 + 2] = m[row * 4 + 2];
            p[9 + row] = m[row * 4 + 3] - c[row] + m[row * 4] * c[0] + m[row * 4 + 1] * c[1] + m[row * 4 + 2] * c[2];
        }
        setParameters(p);
    }

    @Override
    public void computeJacobianWithRespectToParameters(double x, double y, double z, double[] jacobian) {
        double dx = x - centre[0], dy = y - centre[1], dz = z - centre[2];
        Arrays.fill(jacobian, 0, 36, 0.0);
        for (int row = 0; row < 3; row++) {
            int o = row * 12;
            jacobian[o + row * 3] = dx;
            jacobian[o + row * 3 + 1] = dy;
            jacobian[o + row * 3 + 2] = dz;
            jacobian[o + 9 + row] = 1;
        }
    }

    @Override
    public AffineTransform copy() {
        return new AffineTransform(centre, params);
    }

    @Override
    public String toString() {
        return "AffineTransform[centre=" + Arrays.toString(centre) + ", params=" + Arrays.toString(params) + "]";
    }
}

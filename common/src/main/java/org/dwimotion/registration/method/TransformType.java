package org.dwimotion.registration.method;

import org.dwimotion.registration.transform.AffineTransform;
import org.dwimotion.registration.transform.EddyTransform;
import org.dwimotion.registration.transform.RigidTransform;
import org.dwimotion.registration.transform.Transform;

/** The transform family a registration optimises. */
public enum TransformType {
    /** 6 parameters: {@link RigidTransform}. */
    RIGID,
    /** 12 parameters: {@link AffineTransform}. */
    AFFINE,
    /**
     * 9 parameters: {@link EddyTransform}, rigid motion then a linear eddy displacement along the phase-encoding
     * direction (the DWIs of a {@code --transform affine} run; not a command-line choice).
     */
    EDDY;

    /** The identity of this family about {@code centre} (world mm); {@link #EDDY}: phase encoding along world y. */
    public Transform identity(double[] centre) {
        return identity(centre, EddyTransform.WORLD_Y);
    }

    /**
     * The identity of this family about {@code centre} (world mm); {@code phaseEncoding} (unit, world RAS) is the
     * displacement direction of {@link #EDDY} and ignored by the others.
     */
    public Transform identity(double[] centre, double[] phaseEncoding) {
        return switch (this) {
            case RIGID -> new RigidTransform(centre);
            case AFFINE -> new AffineTransform(centre);
            case EDDY -> new EddyTransform(centre, phaseEncoding);
        };
    }
}

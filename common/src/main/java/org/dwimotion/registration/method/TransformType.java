package org.dwimotion.registration.method;

import org.dwimotion.registration.transform.AffineTransform;
import org.dwimotion.registration.transform.RigidTransform;
import org.dwimotion.registration.transform.Transform;

/** The transform family a registration optimises. */
public enum TransformType {
    /** 6 parameters: {@link RigidTransform}. */
    RIGID,
    /** 12 parameters: {@link AffineTransform}. */
    AFFINE;

    /** The identity of this family about {@code centre} (world mm). */
    public Transform identity(double[] centre) {
        return this == RIGID ? new RigidTransform(centre) : new AffineTransform(centre);
    }
}

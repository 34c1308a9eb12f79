/**
 * Motion figures from per-volume fixed → moving transforms (world RAS mm, see {@link org.dwimotion.Conventions}):
 * rigid parameters ({@link org.dwimotion.motion.MotionParameters}), framewise displacement
 * ({@link org.dwimotion.motion.FramewiseDisplacement}), RMS displacement over a mask
 * ({@link org.dwimotion.motion.RmsDisplacement}), the non-rigid stretch of affines
 * ({@link org.dwimotion.motion.AffineDecomposition}), the per-volume table
 * ({@link org.dwimotion.motion.MotionTable}) and its summary; plus displacement errors between two transforms
 * ({@link org.dwimotion.motion.DisplacementError}).
 */
package org.dwimotion.motion;

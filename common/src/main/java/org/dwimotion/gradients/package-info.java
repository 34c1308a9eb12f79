/**
 * Diffusion gradient tables: FSL/BIDS files, normalisation, b0 and shell grouping, frame conversion and
 * reorientation. b in s/mm²; vectors N×3 row-major in the FSL frame (see {@link org.dwimotion.gradients.BvecFrames}).
 */
package org.dwimotion.gradients;

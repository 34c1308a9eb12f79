/**
 * NIfTI-1/NIfTI-2 reading (whole, volume by volume, voxel-major chunks) and writing (float32, int16).
 * World is RAS+ mm from the sform, else the qform, else pixdim ({@code nifti1.h}); 4-D data are
 * volume-major {@code voxel + nVox * t}, voxels x-fastest. See {@code docs/io.md}.
 */
package org.dwimotion.io.nifti;

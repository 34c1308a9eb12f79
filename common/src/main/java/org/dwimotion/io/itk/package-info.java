/**
 * ITK/ANTs transform files: {@link org.dwimotion.io.itk.ItkTransformFile} writes and reads single affines in
 * ITK's text format, converting between dwimotion's RAS+ world and ITK's LPS+ physical space.
 */
package org.dwimotion.io.itk;

/**
 * BIDS-derivative outputs of a processed series: {@link org.dwimotion.bids.SeriesOutputWriter} writes them from a
 * {@link org.dwimotion.bids.SeriesResult}; {@link org.dwimotion.bids.BidsName} and
 * {@link org.dwimotion.bids.SeriesFiles} name them; {@link org.dwimotion.bids.DerivativeSidecars},
 * {@link org.dwimotion.bids.TransformTable} and {@link org.dwimotion.bids.Json} produce the text files.
 * See {@code docs/outputs.md}.
 */
package org.dwimotion.bids;

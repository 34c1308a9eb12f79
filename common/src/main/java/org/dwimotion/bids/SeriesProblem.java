package org.dwimotion.bids;

/**
 * A series that cannot be processed, found while scanning the dataset or while running it.
 *
 * @param key    the series key ({@code sub-01_ses-1}), or the file name when it has no BIDS name
 * @param file   the file the problem is about
 * @param reason what is wrong, one line
 */
public record SeriesProblem(String key, String file, String reason) {
}

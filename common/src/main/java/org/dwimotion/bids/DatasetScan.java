package org.dwimotion.bids;

import java.util.List;

/**
 * What {@link BidsDiscovery} found: the series to run, in dataset order (subject, session, file name), and the
 * series that cannot run because a sidecar is missing or the name is ambiguous.
 */
public record DatasetScan(String root, List<DwiSeries> series, List<SeriesProblem> problems) {
    public DatasetScan {
        series = List.copyOf(series);
        problems = List.copyOf(problems);
    }
}

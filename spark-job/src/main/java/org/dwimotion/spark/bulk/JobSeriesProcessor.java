package org.dwimotion.spark.bulk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.dwimotion.bids.DwiSeries;
import org.dwimotion.gradients.PhaseEncoding;
import org.dwimotion.group.SeriesMotion;
import org.dwimotion.group.VolumeTable;
import org.dwimotion.io.Locations;
import org.dwimotion.io.Storage;
import org.dwimotion.motion.FramewiseDisplacement;
import org.dwimotion.motion.MotionParameters;
import org.dwimotion.spark.job.MotionCorrectionJob;
import org.dwimotion.spark.job.RunResult;

/**
 * The real per-series work: the single-series {@link MotionCorrectionJob} (its Spark stages, its all-or-nothing
 * output folder), then the series' rows of the group volume table. Keeps nothing once it returns.
 */
public final class JobSeriesProcessor implements SeriesProcessor {
    private final SparkSession spark;
    private final BulkConfig config;
    private final Consumer<String> log;

    public JobSeriesProcessor(SparkSession spark, BulkConfig config, Consumer<String> log) {
        this.spark = spark;
        this.config = config;
        this.log = log;
    }

    @Override
    public Processed process(DwiSeries series, String outputFolder) throws IOException {
        String tag = "[" + series.key() + "] ";
        Storage storage = Locations.storage(spark.sparkContext().hadoopConfiguration());
        // the sidecar discovery found (next to the image or inherited from the dataset root), not only the one
        // next to the image that a single-series run looks for
        PhaseEncoding pe = series.json() == null ? null : PhaseEncoding.fromSidecar(series.json(), storage);
        RunResult r = new MotionCorrectionJob(spark, line -> log.accept(tag + line))
                .run(config.forSeries(series.dwi(), series.bval(), series.bvec(), outputFolder, pe));
        double[] bvals = r.bvals();
        double[] centre = r.motionCentre();
        // the head motion, as in the series' own motion table (an affine run's eddy shear is not head rotation)
        String rows = VolumeTable.tsv(series.subject(), series.session(), series.key(), bvals, r.headMotion(),
                centre, r.metric(), r.converged(), config.fdThreshold());
        storage.writeAtomically(outputFolder + "/" + VolumeTable.FILE_NAME,
                o -> o.write(rows.getBytes(StandardCharsets.UTF_8)));
        double[] p = MotionParameters.of(r.headMotion(), centre);
        SeriesMotion m = SeriesMotion.of(series.subject(), series.session(), series.key(), p,
                FramewiseDisplacement.of(p), r.converged(), config.fdThreshold());
        return new Processed(bvals.length, m.meanFd(), m.maxFd());
    }
}

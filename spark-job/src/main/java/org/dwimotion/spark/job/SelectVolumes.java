package org.dwimotion.spark.job;

import java.util.Arrays;
import org.apache.spark.api.java.function.Function;
import org.dwimotion.pipeline.ChunkPrediction;
import scala.Tuple2;

/** Keeps the chunk predictions of a few volumes (the report's), from the last iteration's sorted shuffle. */
final class SelectVolumes implements Function<Tuple2<Integer, ChunkPrediction>, Boolean> {
    private static final long serialVersionUID = 1L;

    private final int[] sortedVolumes;

    SelectVolumes(int[] volumes) {
        this.sortedVolumes = volumes.clone();
        Arrays.sort(sortedVolumes);
    }

    @Override
    public Boolean call(Tuple2<Integer, ChunkPrediction> t) {
        return Arrays.binarySearch(sortedVolumes, t._1()) >= 0;
    }
}

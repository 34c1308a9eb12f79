#!/usr/bin/env bash
# Times NiftiReader on a file (default: the shared phantom), 6 repetitions, after
# `mvn -B -o -q -pl common compile`. Usage: scripts/dev/time_nifti_read.sh [file.nii.gz]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
file=${1:-$top/../shared/data/phantom/dwi.nii.gz}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
slf=$(find ~/.m2/repository/org/slf4j/slf4j-api -name 'slf4j-api-*.jar' | head -1)
cat > "$work/TimeRead.java" <<'JAVA'
import org.dwimotion.io.nifti.NiftiImage;
import org.dwimotion.io.nifti.NiftiReader;

public class TimeRead {
    public static void main(String[] args) throws Exception {
        for (int r = 0; r < 6; r++) {
            long t0 = System.nanoTime();
            NiftiImage im = NiftiReader.read(args[0]);
            long t1 = System.nanoTime();
            int[] voxels = new int[10000];
            for (int i = 0; i < voxels.length; i++) {
                voxels[i] = (int) ((long) i * im.voxelsPerVolume() / voxels.length);
            }
            NiftiReader.readVoxels(args[0], voxels);
            long t2 = System.nanoTime();
            System.out.printf("read (float32, whole) %.0f ms; 10000 voxels x %d volumes %.0f ms%n",
                    (t1 - t0) / 1e6, im.nt(), (t2 - t1) / 1e6);
        }
    }
}
JAVA
javac -cp "$top/common/target/classes" -d "$work" "$work/TimeRead.java"
java -cp "$top/common/target/classes:$slf:$work" TimeRead "$file" 2>&1 | grep -v '^SLF4J'

// Diagnostic for the DWI under-tracking open in issue #6: registers each observed volume of a simulated series
// (scripts/demo.sh output) to its one-pass LOVO prediction from `dwimotion predict` (unaligned data, i.e. what the
// job's first iteration sees) and prints true vs estimated translations (mm, relative to volume 0).
//   cd /tmp/demo && for m in dti avgdwi; do scripts/dwimotion predict --dwi sim/dwi.nii.gz --mask sim/mask.nii.gz \
//       --model $m --fit wls --output pred_$m.nii.gz; done
//   java -cp "common/target/classes:$(cat spark-job/target/local-classpath.txt)" scripts/dev/RegisterToPredictions.java
// (the folder is the first argument, default /tmp/demo2/).
import org.dwimotion.io.nifti.*;
import org.dwimotion.image.*;
import org.dwimotion.registration.method.*;
import org.dwimotion.registration.transform.RigidTransform;
import java.nio.file.*;
import java.util.*;

public class RegisterToPredictions {
    public static void main(String[] a) throws Exception {
        String dir = a.length > 0 ? a[0] : "/tmp/demo2/";
        NiftiImage obs = NiftiReader.read(dir + "sim/dwi.nii.gz");
        Image3D maskImg = NiftiReader.readVolume(dir + "sim/mask.nii.gz", 0);
        List<String> truth = Files.readAllLines(Path.of(dir + "sim/motion_truth.tsv"));
        double[] c = obs.geometry().fieldOfViewCentre();
        for (String model : new String[] {"dti", "avgdwi"}) {
            NiftiImage pred = NiftiReader.read(dir + "pred_" + model + ".nii.gz");
            double sxy = 0, sxx = 0;
            for (int v = 1; v < obs.nt(); v += 3) {
                String[] t = truth.get(v + 1).split("\t");
                if (Double.parseDouble(t[1]) < 50) continue;
                RegistrationResult r = new ImageRegistrationMethod().register(pred.volume(v), obs.volume(v), maskImg);
                double[] p = RigidTransform.fromMatrix(r.fixedToMoving(), c).getParameters();
                for (int k = 0; k < 3; k++) {
                    double tt = Double.parseDouble(t[2 + k]);
                    sxy += tt * p[k]; sxx += tt * tt;
                }
                System.out.printf("%s v=%d b=%s true=(%.2f %.2f %.2f) est=(%.2f %.2f %.2f)%n", model, v, t[1],
                    Double.parseDouble(t[2]), Double.parseDouble(t[3]), Double.parseDouble(t[4]), p[0], p[1], p[2]);
            }
            System.out.printf("%s slope through origin: %.3f%n", model, sxy / sxx);
        }
    }
}

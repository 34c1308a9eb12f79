// Decomposes the DWI motion-estimation error of issue #6 (all in memory, nothing written). One simulated series
// (dwimotion simulate's phantom; grid, shells, SNR and motion from the arguments) is registered, volume by volume,
// observed (moved, noisy: moving) to four references (fixed), with the job's registration settings and the true mask:
//   truth   the noise-free, motion-free image of that volume (pure registration error)
//   still   the one-pass LOVO prediction from motion-free noisy data (prediction quality, no motion)
//   moved   the one-pass LOVO prediction from the moved data (the job's first iteration)
//   oracle  the LOVO prediction from the moved data resampled with the true transforms, b-vectors rotated (Rᵀg)
// b=0 volumes are predicted by the mean of the other b=0 volumes, as in the job; predictions cover the mask dilated
// by 2 voxels and are clamped to the other volumes' range, as in the job.
// Prints per class: slope through the origin of estimated on true translation (mm) and rotation (deg), the residual
// scatter (RMS of estimated − slope·true, mm), and the median / p95 of the per-volume mean in-mask displacement error.
//   mvn -B -o -q -pl common -DskipTests compile
//   java -cp "common/target/classes:$HOME/.m2/repository/org/ejml/ejml-ddense/0.46.1/ejml-ddense-0.46.1.jar:\
//     $HOME/.m2/repository/org/ejml/ejml-core/0.46.1/ejml-core-0.46.1.jar" scripts/dev/DecomposeDwiError.java \
//     [model=dki] [snr=30] [maxMm=3] [maxDeg=3] [voxelMm=4.5] [nx,ny,nz=40,48,40] [dirs=20]
// System properties (-Dname=value) for the iteration experiments of docs/accuracy.md ("Decomposition"):
//   schedules="dki,dki;dti,dki"  run the job's iteration scheme in memory, one model per iteration, per schedule
//   onlySchedules=true           skip the four-reference table;  shells=1000,3000  other b-values
//   voxelSamples=2               points per voxel axis averaged (SimulationConfig.voxelSamples; 1 = point samples)
//   simSeed=1 simMotion=true     the series' seed; the trajectory dwimotion simulate draws from it (with spikes=S)
//   cleanOracle=true             adds "oracleC": the oracle's prediction from the noise-free moved series
//   swap=true                    reference table with the roles swapped: observed fixed, reference moving (swapped())
//   truthFloor=true              the truth references carry the series' Rician floor (E|S + n|)
//   refsFromTruth=true           the reference table's registrations start from the true transforms
//   ssdCheck=true                b>2500 volumes: plain finest-level SSD at the estimate against at the truth
//   skipRefs=still,moved         references left out of the table
//   motionSeed=7                 trajectory seed (MotionTrajectory, no spikes); shuffle=true permutes it over volumes
//   startTruth=true              iterate from the true transforms; perturbVolume=V perturbMm=2 offsets one estimate
//   printVolumes=true            per-volume translation errors; oracleRecentre / recentre: per-shell mean removal
//   smoothAttenuationVoxels=S    prediction = aligned mean b=0 × attenuation smoothed with sigma S voxels
//   registrationMaskDilation=D   registration (and scoring) mask dilated by D voxels
//   start=b0truth|b0est          start from the b=0 motion (true / registered to the mean of the other b=0s),
//                                interpolated in file order over the DWIs (B0MotionInterpolation); keepGain=true
//                                skips the leave-one-out gain correction of the registered b=0 motion
//   b0Pairs=true                 b=0 start from all pairwise raw-to-raw b=0 registrations (least squares)
//   b0Rounds=K  b0Oracle=true    K groupwise b=0 rounds after the b0est start (each b=0 re-registered to the mean of
//                                the others resampled with the current estimates; oracle: the true transforms);
//                                b0Template=still|clean|truth: the mean of the other b=0 volumes of the motion-free
//                                noisy / noise-free series, or of the "truth" references; s0fit: the S0 of a DTI
//                                fit over the other b=0 and the b<=1000 DWIs aligned with the true transforms;
//                                b0StartTruth=true: the rounds start from the true b=0 transforms
//   valueTol=1e-6 stepTol=1e-3   the registration's stopping rules (relative metric change, step in mm)
//   finestSigma=0.75             the registration's finest-level smoothing sigma (voxels)
//   noiseFloor=false             registration without noise floor matching (and its SNR cap of the finest sigma)
//   anchor=true                  after each iteration, shift each shell's mean parameters back onto the start's
//   fit=OLS  LOVO fit method;   matching=NONE, loss=HUBER|NONE  registration metric options
//   spikes=S                     S sudden moves added by MotionTrajectory (as the job test / accuracy.sh: 2)
//   smooth=every|last            after every (or only the last) iteration, replace the col(X) component of the
//                                estimates by the temporally smoothest one (HiddenMotionSmoothing);
//                                smoothOrder=1|2, smoothLoss=TUKEY|HUBER|NONE, smoothRidge=0.1, smoothKeep=true|false, smoothModel=iter|dti|dki
import org.dwimotion.image.*;
import org.dwimotion.model.*;
import org.dwimotion.model.dki.DkiDesignMatrix;
import org.dwimotion.model.dti.DtiDesignMatrix;
import org.dwimotion.motion.*;
import org.dwimotion.pipeline.*;
import org.dwimotion.registration.method.*;
import org.dwimotion.registration.transform.RigidTransform;
import org.dwimotion.sim.*;
import java.util.*;

public class DecomposeDwiError {
    /** Points per voxel axis of the simulated series and of the truth references (-DvoxelSamples). */
    static final int VOXEL_SAMPLES = Integer.getInteger("voxelSamples", SimulationConfig.DEFAULT_VOXEL_SAMPLES);
    public static void main(String[] a) {
        LovoModelType model = LovoModelType.parse(a.length > 0 ? a[0] : "dki");
        double snr = a.length > 1 ? Double.parseDouble(a[1]) : 30;
        double maxMm = a.length > 2 ? Double.parseDouble(a[2]) : 3;
        double maxDeg = a.length > 3 ? Double.parseDouble(a[3]) : 3;
        double voxel = a.length > 4 ? Double.parseDouble(a[4]) : 4.5;
        int[] shape = a.length > 5 ? Arrays.stream(a[5].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {40, 48, 40};
        int dirs = a.length > 6 ? Integer.parseInt(a[6]) : 20;
        double[] shells = Arrays.stream(System.getProperty("shells", "1000,2000,3000").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        long simSeed = Long.getLong("simSeed", 1L);
        SimulationConfig moved = new SimulationConfig(shape, voxel, shells, dirs, 4, snr, maxMm, maxDeg,
                Integer.getInteger("spikes", 0), 0, simSeed, VOXEL_SAMPLES);
        SimulationConfig still = new SimulationConfig(shape, voxel, shells, dirs, 4, snr, 0, 0, 0, 0, simSeed,
                VOXEL_SAMPLES);
        SimulationConfig clean = new SimulationConfig(shape, voxel, shells, dirs, 4, 0, 0, 0, 0, 0, simSeed,
                VOXEL_SAMPLES);
        DwiSimulator sim = new DwiSimulator();
        MotionTrajectory.Result traj = MotionTrajectory.generate(moved.volumes(), maxMm, Math.toRadians(maxDeg),
                Integer.getInteger("spikes", 0),
                Long.getLong("motionSeed", 7L));
        if (Boolean.getBoolean("shuffle")) {
            // breaks the time ↔ direction correlation: smooth drift, but in random order over the volumes 1..N-1
            List<RigidMotion> l = new ArrayList<>(Arrays.asList(traj.motion()).subList(1, moved.volumes()));
            Collections.shuffle(l, new Random(3));
            for (int v = 1; v < moved.volumes(); v++) {
                traj.motion()[v] = l.get(v - 1);
            }
        }
        // simMotion=true: the trajectory dwimotion simulate --seed simSeed draws (as scripts/accuracy.sh's series)
        SimulatedSeries sm = Boolean.getBoolean("simMotion") ? sim.simulate(moved) : sim.simulate(moved, traj), ss = sim.simulate(still), sc = sim.simulate(clean);
        ImageGeometry g = sm.geometry();
        int nVox = g.numVoxels(), n = sm.volumes();
        byte[] m = sm.phantom().mask();
        float[] mf = sm.phantom().maskImage().data();
        int dil = Integer.getInteger("registrationMaskDilation", 0);
        if (dil > 0) {
            byte[] d = MaskDilation.dilate6(m, g.nx(), g.ny(), g.nz(), dil);
            for (int i = 0; i < nVox; i++) {
                mf[i] = d[i];
            }
        }
        Image3D mask = new Image3D(g, mf);
        int[] support = MaskDilation.indices(MaskDilation.dilate6(m, g.nx(), g.ny(), g.nz(),
                MaskDilation.PREDICTION_MARGIN_VOXELS));
        double[] bvals = sm.scheme().bvals(), bvecs = sm.scheme().bvecs();

        float[][] obs = new float[n][];
        float[][] truth = new float[n][];
        for (int v = 0; v < n; v++) {
            obs[v] = sm.volume(v);
            truth[v] = render(g, sm.motion()[v], bvals[v], bvecs, v);
            if (Boolean.getBoolean("truthFloor")) {
                // the Rician mean of the noise-free image: what the observed volume's magnitudes scatter about
                truth[v] = new org.dwimotion.registration.intensity.NoiseFloorModel(sm.sigma())
                        .apply(new Image3D(g, truth[v])).data();
            }
        }
        float[][] aligned = new float[n][];
        double[] rotated = bvecs.clone();
        for (int v = 0; v < n; v++) {
            aligned[v] = ReferenceResampling.toReference(obs[v], g, sm.transform(v));
            RigidMotion mo = sm.motion()[v];
            double[] h = new double[3];
            MotionModel.gradientInHeadFrame(mo, bvecs[3 * v], bvecs[3 * v + 1], bvecs[3 * v + 2], h);
            System.arraycopy(h, 0, rotated, 3 * v, 3);
        }
        float[][] stillVols = new float[n][];
        for (int v = 0; v < n; v++) {
            stillVols[v] = ss.volume(v);
        }
        Map<String, float[][]> refs = new LinkedHashMap<>();
        Set<String> skip = new HashSet<>(Arrays.asList(System.getProperty("skipRefs", "").split(",")));
        refs.put("truth", truth);
        if (!skip.contains("still")) {
            refs.put("still", predict(model, bvals, bvecs, stillVols, support, nVox));
        }
        if (!skip.contains("moved")) {
            refs.put("moved", predict(model, bvals, bvecs, obs, support, nVox));
        }
        if (!skip.contains("oracle")) {
            refs.put("oracle", predict(model, bvals, rotated, aligned, support, nVox));
        }
        if (Boolean.getBoolean("cleanOracle")) {
            // the oracle's prediction from the noise-free moved series (same motion, resampled alike): what the
            // prediction's noise costs, against its blur and model misfit
            SimulatedSeries smc = sim.simulate(new SimulationConfig(shape, voxel, shells, dirs, 4, 0, maxMm, maxDeg,
                    Integer.getInteger("spikes", 0), 0, simSeed, VOXEL_SAMPLES), new MotionTrajectory.Result(sm.motion(), sm.spike()));
            float[][] alignedClean = new float[n][];
            for (int v = 0; v < n; v++) {
                alignedClean[v] = ReferenceResampling.toReference(smc.volume(v), g, sm.transform(v));
            }
            refs.put("oracleC", predict(model, bvals, rotated, alignedClean, support, nVox));
        }
        refs.keySet().removeAll(skip);

        SimulatedSeries cleanMoved = Boolean.getBoolean("ssdCheck") ? sim.simulate(new SimulationConfig(shape, voxel,
                shells, dirs, 4, 0, maxMm, maxDeg, Integer.getInteger("spikes", 0), 0, simSeed, VOXEL_SAMPLES),
                new MotionTrajectory.Result(sm.motion(), sm.spike())) : null;
        double[] c = g.fieldOfViewCentre();
        String[] schedules = System.getProperty("schedules", "").isEmpty() ? new String[0]
                : System.getProperty("schedules").split(";");
        for (String schedule : schedules) {
            float[][] templ = stillVols;
            if (System.getProperty("b0Template", "").equals("clean")) {
                templ = new float[n][];
                for (int v = 0; v < n; v++) {
                    templ[v] = sc.volume(v);
                }
            } else if (System.getProperty("b0Template", "").equals("truth")) {
                templ = truth;
            } else if (System.getProperty("b0Template", "").equals("s0fit")) {
                templ = s0Fit(aligned, bvals, rotated, support, nVox);
            }
            iterate(schedule.split(","), sm, obs, templ, mask, support, bvals, bvecs);
        }
        if (Boolean.getBoolean("onlySchedules")) {
            return;
        }
        System.out.printf("model=%s snr=%.0f motion<=%.1fmm/%.1fdeg grid=%s voxel=%.1f N=%d%n", model.cliName(), snr,
                maxMm, maxDeg, Arrays.toString(shape), voxel, n);
        System.out.printf("%-7s %-6s %3s %7s %7s %8s %8s %8s %8s%n", "ref", "class", "n", "slopeT", "slopeR",
                "scatter", "medErr", "p95Err", "meanBias");
        for (Map.Entry<String, float[][]> e : refs.entrySet()) {
            Map<Integer, List<double[]>> rows = new TreeMap<>();
            for (int v = 1; v < n; v++) {
                double[] est = Boolean.getBoolean("swap") ? swapped(g, e.getValue()[v], obs[v], mask, sm.transform(v))
                        : Boolean.getBoolean("refsFromTruth") ? new ImageRegistrationMethod(settings())
                        .register(new Image3D(g, e.getValue()[v]), new Image3D(g, obs[v]), mask, sm.transform(v))
                        .fixedToMoving()
                        : new ImageRegistrationMethod(settings())
                        .register(new Image3D(g, e.getValue()[v]), new Image3D(g, obs[v]), mask).fixedToMoving();
                if (Boolean.getBoolean("ssdCheck") && bvals[v] > 2500) {
                    double se = finestSsd(g, e.getValue()[v], obs[v], mask, est);
                    double st = finestSsd(g, e.getValue()[v], obs[v], mask, sm.transform(v));
                    // the same noise-free observed volume with fresh noise: is the estimate's lower SSD in the
                    // expectation, or only in this realisation?
                    float[] fresh = cleanMoved.volume(v);
                    RicianNoise.addInPlace(fresh, 0, fresh.length, sm.sigma(), new Random(1000L + v));
                    double fe = finestSsd(g, e.getValue()[v], fresh, mask, est);
                    double ft = finestSsd(g, e.getValue()[v], fresh, mask, sm.transform(v));
                    double ce = finestSsd(g, e.getValue()[v], cleanMoved.volume(v), mask, est);
                    double ct = finestSsd(g, e.getValue()[v], cleanMoved.volume(v), mask, sm.transform(v));
                    float[] expected = new org.dwimotion.registration.intensity.NoiseFloorModel(sm.sigma())
                            .apply(new Image3D(g, cleanMoved.volume(v))).data();
                    double ee = finestSsd(g, e.getValue()[v], expected, mask, est);
                    double et = finestSsd(g, e.getValue()[v], expected, mask, sm.transform(v));
                    float[] raw = render(g, sm.motion()[v], bvals[v], bvecs, v);
                    double dT = 0;
                    for (int q = 0; q < 16; q++) {
                        dT = Math.max(dT, Math.abs(sm.transform(v)[q] - cleanMoved.transform(v)[q]));
                    }
                    System.out.printf("ssdCheck transforms differ by %.3g; bvecs %s vs %s%n", dT,
                            Arrays.toString(Arrays.copyOfRange(bvecs, 3 * v, 3 * v + 3)),
                            Arrays.toString(Arrays.copyOfRange(cleanMoved.scheme().bvecs(), 3 * v, 3 * v + 3)));
                    System.out.printf("ssdCheck raw truth vs clean observed at truth %.4g, at est %.4g%n",
                            finestSsd(g, raw, cleanMoved.volume(v), mask, sm.transform(v)),
                            finestSsd(g, raw, cleanMoved.volume(v), mask, est));
                    System.out.printf("ssdCheck %s v%d: SSD(est)/SSD(true) - 1 = %+.3e, fresh noise %+.3e;"
                            + " noise-free SSD est %.4g true %.4g; E|observed| SSD est %.4g true %.4g; noisy true %.4g%n",
                            e.getKey(), v, se / st - 1, fe / ft - 1, ce, ct, ee, et, st);
                }
                double[] p = RigidTransform.fromMatrix(est, c).getParameters();
                double[] t = sm.motion()[v].toArray();
                double err = DisplacementError.between(est, sm.transform(v), g, mask).mean();
                double[] row = new double[13];
                System.arraycopy(p, 0, row, 0, 6);
                System.arraycopy(t, 0, row, 6, 6);
                row[12] = err;
                rows.computeIfAbsent((int) Math.round(bvals[v]), k -> new ArrayList<>()).add(row);
            }
            for (Map.Entry<Integer, List<double[]>> r : rows.entrySet()) {
                print(e.getKey(), "b" + r.getKey(), r.getValue());
            }
        }
    }

    /** The job's iteration scheme, in memory: one model per iteration (b=0: mean of the other b=0 volumes). */
    static void iterate(String[] schedule, SimulatedSeries sm, float[][] obs, float[][] still, Image3D mask,
                        int[] support,
                        double[] bvals, double[] bvecs) {
        ImageGeometry g = sm.geometry();
        int n = obs.length;
        double[] c = g.fieldOfViewCentre();
        double[] est = TransformSet.identities(n);
        if (Boolean.getBoolean("startTruth")) {
            for (int v = 0; v < n; v++) {
                System.arraycopy(sm.transform(v), 0, est, 16 * v, 16);
            }
        }
        String start = System.getProperty("start", "none");
        int[] b0s = java.util.stream.IntStream.range(0, n).filter(v -> bvals[v] <= 50).toArray();
        if (start.equals("b0truth")) {
            // the true b=0 motion, interpolated in file order (B0MotionInterpolation)
            double[] t = new double[16 * n];
            for (int v : b0s) {
                System.arraycopy(sm.transform(v), 0, t, 16 * v, 16);
            }
            est = B0MotionInterpolation.interpolate(t, b0s, c);
        } else if (start.equals("b0est")) {
            // b=0 volumes registered to the mean of the other (unaligned) b=0 volumes, as in the job's first
            // iteration, re-expressed relative to the first b=0, then interpolated in file order
            float[][] pred = predict(LovoModelType.parse(schedule[0]), bvals, bvecs, obs, support, g.numVoxels());
            double[] t = TransformSet.identities(n);
            for (int v : b0s) {
                System.arraycopy(new ImageRegistrationMethod(settings())
                        .register(new Image3D(g, pred[v]), new Image3D(g, obs[v]), mask).fixedToMoving(), 0, t,
                        16 * v, 16);
            }
            double[] rel = TransformSet.relativeTo(t, b0s[0]);
            if (!Boolean.getBoolean("keepGain")) {
                rel = B0MotionInterpolation.withoutLeaveOneOutGain(rel, b0s, c);
            }
            if (Boolean.getBoolean("b0Pairs")) {
                rel = b0Pairs(b0s, sm, obs, mask, c);
            }
            rel = b0Rounds(rel, b0s, sm, obs, still, mask, c, Integer.getInteger("b0Rounds", 0),
                    Boolean.getBoolean("b0Oracle"));
            est = B0MotionInterpolation.interpolate(rel, b0s, c);
        }
        boolean fromStart = Boolean.getBoolean("startTruth") || !start.equals("none");
        double[] startEst = est.clone();
        if (!start.equals("none")) {
            Map<Integer, List<double[]>> rows = new TreeMap<>();
            for (int v = 1; v < n; v++) {
                double[] t = TransformSet.get(est, v);
                double[] row = new double[13];
                System.arraycopy(RigidTransform.fromMatrix(t, c).getParameters(), 0, row, 0, 6);
                System.arraycopy(sm.motion()[v].toArray(), 0, row, 6, 6);
                row[12] = DisplacementError.between(t, sm.transform(v), g, mask).mean();
                rows.computeIfAbsent((int) Math.round(bvals[v]), k -> new ArrayList<>()).add(row);
            }
            for (Map.Entry<Integer, List<double[]>> r : rows.entrySet()) {
                print(start + "@0", "b" + r.getKey(), r.getValue());
            }
        }
        int pv = Integer.getInteger("perturbVolume", -1);
        if (pv >= 0) {
            // probes the iteration map: one volume's current estimate is off by perturbMm along x
            est[16 * pv + 3] += Double.parseDouble(System.getProperty("perturbMm", "2"));
        }
        for (int it = 0; it < schedule.length; it++) {
            float[][] aligned = new float[n][];
            double[] rot = bvecs.clone();
            for (int v = 0; v < n; v++) {
                double[] t = TransformSet.get(est, v);
                aligned[v] = it == 0 && !fromStart ? obs[v] : ReferenceResampling.toReference(obs[v], g, t);
                double[] r = RigidTransform.fromMatrix(t, c).rotation();
                for (int k = 0; k < 3; k++) {
                    rot[3 * v + k] = r[k] * bvecs[3 * v] + r[3 + k] * bvecs[3 * v + 1] + r[6 + k] * bvecs[3 * v + 2];
                }
            }
            float[][] pred = predict(LovoModelType.parse(schedule[it]), bvals, rot, aligned, support, g.numVoxels());
            double att = Double.parseDouble(System.getProperty("smoothAttenuationVoxels", "0"));
            if (att > 0) {
                smoothAttenuation(pred, aligned, bvals, g, support, att);
            }
            double[] next = new double[16 * n];
            for (int v = 0; v < n; v++) {
                double[] t = new ImageRegistrationMethod(settings())
                        .register(new Image3D(g, pred[v]), new Image3D(g, obs[v]), mask, TransformSet.get(est, v))
                        .fixedToMoving();
                System.arraycopy(t, 0, next, 16 * v, 16);
            }
            est = TransformSet.relativeTo(next, 0);
            String smooth = System.getProperty("smooth", "none");
            if (smooth.equals("every") || (smooth.equals("last") && it == schedule.length - 1)) {
                String sm2 = System.getProperty("smoothModel", "iter");
                LovoModelType dm = LovoModelType.parse(sm2.equals("iter") ? schedule[it] : sm2);
                double[] x = dm == LovoModelType.DKI ? DkiDesignMatrix.build(bvals, rot)
                        : DtiDesignMatrix.build(bvals, rot);
                est = HiddenMotionSmoothing.apply(est, x, x.length / n, 0, c, new HiddenMotionSmoothing.Settings(
                        Integer.getInteger("smoothOrder", 1),
                        HiddenMotionSmoothing.Loss.valueOf(System.getProperty("smoothLoss", "TUKEY")),
                        Double.parseDouble(System.getProperty("smoothRidge", "0.1")),
                        Boolean.parseBoolean(System.getProperty("smoothKeep", "true"))));
            }
            if (Boolean.getBoolean("anchor")) {
                anchor(est, startEst, bvals, c);
            }
            if (Boolean.getBoolean("recentre")) {
                recentre(est, bvals, c);
            }
            if (Boolean.getBoolean("oracleRecentre")) {
                oracleRecentre(est, bvals, c, sm);
            }
            Map<Integer, List<double[]>> rows = new TreeMap<>();
            for (int v = 1; v < n; v++) {
                double[] t = TransformSet.get(est, v);
                double[] p = RigidTransform.fromMatrix(t, c).getParameters();
                double[] row = new double[13];
                System.arraycopy(p, 0, row, 0, 6);
                System.arraycopy(sm.motion()[v].toArray(), 0, row, 6, 6);
                row[12] = DisplacementError.between(t, sm.transform(v), g, mask).mean();
                if (Boolean.getBoolean("printVolumes")) {
                    System.out.printf("it%d v%d b%.0f errX %.3f errY %.3f errZ %.3f%n", it + 1, v, bvals[v],
                            p[0] - row[6], p[1] - row[7], p[2] - row[8]);
                }
                rows.computeIfAbsent((int) Math.round(bvals[v]), k -> new ArrayList<>()).add(row);
            }
            for (Map.Entry<Integer, List<double[]>> r : rows.entrySet()) {
                print(String.join(",", schedule) + "@" + (it + 1), "b" + r.getKey(), r.getValue());
            }
        }
    }

    /**
     * Groupwise b=0 rounds: each b=0 volume re-registered (from its current estimate) to the mean of the other b=0
     * volumes resampled with the current estimates (oracle: with the true transforms), then re-expressed relative
     * to the first b=0; prints the b=0 class after each round.
     */
    static double[] b0Rounds(double[] rel, int[] b0s, SimulatedSeries sm, float[][] obs, float[][] still,
                             Image3D mask, double[] c, int rounds, boolean oracle) {
        String template = System.getProperty("b0Template", "aligned");
        ImageGeometry g = sm.geometry();
        if (Boolean.getBoolean("b0StartTruth")) {
            for (int v : b0s) {
                System.arraycopy(sm.transform(v), 0, rel, 16 * v, 16);
            }
        }
        for (int r = 0; r < rounds; r++) {
            float[][] al = new float[obs.length][];
            for (int v : b0s) {
                al[v] = !template.equals("aligned") ? still[v]
                        : ReferenceResampling.toReference(obs[v], g, oracle ? sm.transform(v) : TransformSet.get(rel, v));
            }
            double[] t = rel.clone();
            for (int v : b0s) {
                float[] mean = new float[g.numVoxels()];
                if (template.equals("s0fit")) {
                    mean = still[v];
                }
                for (int u : b0s) {
                    if (u != v && !template.equals("s0fit")) {
                        for (int i = 0; i < mean.length; i++) {
                            mean[i] += al[u][i] / (b0s.length - 1);
                        }
                    }
                }
                System.arraycopy(new ImageRegistrationMethod(settings()).register(new Image3D(g, mean),
                        new Image3D(g, obs[v]), mask, TransformSet.get(rel, v)).fixedToMoving(), 0, t, 16 * v, 16);
            }
            rel = TransformSet.relativeTo(t, b0s[0]);
            List<double[]> rows = new ArrayList<>();
            for (int v : b0s) {
                if (v == b0s[0]) {
                    continue;
                }
                double[] tv = TransformSet.get(rel, v);
                double[] row = new double[13];
                System.arraycopy(RigidTransform.fromMatrix(tv, c).getParameters(), 0, row, 0, 6);
                System.arraycopy(sm.motion()[v].toArray(), 0, row, 6, 6);
                row[12] = DisplacementError.between(tv, sm.transform(v), g, mask).mean();
                rows.add(row);
            }
            print("b0round" + (r + 1), "b0", rows);
        }
        return rel;
    }

    /**
     * Pairwise b=0 motion: every ordered pair registered raw to raw (fixed u, moving v: no resampled template), the
     * rigid parameters of u → v differences d_uv = (q_uv − q_vu) / 2, p_v = mean over u of d_uv (least squares on
     * the complete graph, small motion), relative to the first b=0; prints the b=0 class.
     */
    static double[] b0Pairs(int[] b0s, SimulatedSeries sm, float[][] obs, Image3D mask, double[] c) {
        ImageGeometry g = sm.geometry();
        int k = b0s.length;
        double[][][] q = new double[k][k][];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (i != j) {
                    q[i][j] = RigidTransform.fromMatrix(new ImageRegistrationMethod(settings()).register(
                            new Image3D(g, obs[b0s[i]]), new Image3D(g, obs[b0s[j]]), mask).fixedToMoving(), c)
                            .getParameters();
                }
            }
        }
        double[][] p = new double[k][6];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < k; i++) {
                if (i != j) {
                    for (int m = 0; m < 6; m++) {
                        p[j][m] += (q[i][j][m] - q[j][i][m]) / 2 / k;
                    }
                }
            }
        }
        double[] t = TransformSet.identities(obs.length);
        List<double[]> rows = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            double[] pj = p[j].clone();
            for (int m = 0; m < 6; m++) {
                pj[m] -= p[0][m];
            }
            double[] tv = new RigidTransform(c, pj).toMatrix();
            System.arraycopy(tv, 0, t, 16 * b0s[j], 16);
            if (j > 0) {
                double[] row = new double[13];
                System.arraycopy(pj, 0, row, 0, 6);
                System.arraycopy(sm.motion()[b0s[j]].toArray(), 0, row, 6, 6);
                row[12] = DisplacementError.between(tv, sm.transform(b0s[j]), g, mask).mean();
                rows.add(row);
            }
        }
        print("b0pairs", "b0", rows);
        return t;
    }

    /**
     * Per b=0 volume v: the S0 map of a log-linear DTI OLS fit over the other b=0 volumes and the b ≤ 1000 DWIs
     * (data aligned with the true transforms, b-vectors Rᵀg), 0 outside the support: a low-noise b=0 template.
     */
    static float[][] s0Fit(float[][] aligned, double[] bvals, double[] bvecs, int[] support, int nVox) {
        int n = bvals.length;
        double[] x = DtiDesignMatrix.build(bvals, bvecs);
        float[][] out = new float[n][];
        for (int v = 0; v < n; v++) {
            if (bvals[v] > 50) {
                continue;
            }
            List<Integer> use = new ArrayList<>();
            for (int u = 0; u < n; u++) {
                if (u != v && bvals[u] <= 1050) {
                    use.add(u);
                }
            }
            double[][] ata = new double[7][14];
            for (int u : use) {
                for (int i = 0; i < 7; i++) {
                    for (int j = 0; j < 7; j++) {
                        ata[i][j] += x[7 * u + i] * x[7 * u + j];
                    }
                }
            }
            for (int i = 0; i < 7; i++) {
                ata[i][7 + i] = 1;
            }
            for (int i = 0; i < 7; i++) { // Gauss-Jordan inverse of the 7×7 normal matrix
                double piv = ata[i][i];
                for (int j = 0; j < 14; j++) {
                    ata[i][j] /= piv;
                }
                for (int r = 0; r < 7; r++) {
                    if (r != i) {
                        double f = ata[r][i];
                        for (int j = 0; j < 14; j++) {
                            ata[r][j] -= f * ata[i][j];
                        }
                    }
                }
            }
            double[] w = new double[n]; // weights of log S_u in the intercept estimate (row 6 of the pseudo-inverse)
            for (int u : use) {
                for (int j = 0; j < 7; j++) {
                    w[u] += ata[6][7 + j] * x[7 * u + j];
                }
            }
            out[v] = new float[nVox];
            for (int p : support) {
                double b6 = 0;
                for (int u : use) {
                    b6 += w[u] * Math.log(Math.max(aligned[u][p], 1e-3f));
                }
                out[v][p] = (float) Math.exp(-b6);
            }
        }
        return out;
    }

    /** Shifts each shell's mean rigid parameters back onto those of the start (the b=0 anchor of the common mode). */
    static void anchor(double[] est, double[] start, double[] bvals, double[] c) {
        int n = bvals.length;
        Map<Long, double[]> mean = new HashMap<>();
        for (int v = 0; v < n; v++) {
            if (bvals[v] <= 50) {
                continue;
            }
            double[] p = RigidTransform.fromMatrix(TransformSet.get(est, v), c).getParameters();
            double[] q = RigidTransform.fromMatrix(TransformSet.get(start, v), c).getParameters();
            double[] acc = mean.computeIfAbsent(Math.round(bvals[v]), k -> new double[7]);
            for (int k = 0; k < 6; k++) {
                acc[k] += p[k] - q[k];
            }
            acc[6]++;
        }
        shiftShells(est, bvals, c, (acc, k) -> acc[k] / acc[6], mean);
    }

    /** Subtracts, from each DWI's rigid parameters, {@code shift(shellAccumulator, k)} for parameter k. */
    static void shiftShells(double[] est, double[] bvals, double[] c,
                            java.util.function.ToDoubleBiFunction<double[], Integer> shift, Map<Long, double[]> acc) {
        for (int v = 0; v < bvals.length; v++) {
            if (bvals[v] <= 50) {
                continue;
            }
            double[] a = acc.get(Math.round(bvals[v]));
            double[] p = RigidTransform.fromMatrix(TransformSet.get(est, v), c).getParameters();
            for (int k = 0; k < 6; k++) {
                p[k] -= shift.applyAsDouble(a, k);
            }
            System.arraycopy(new RigidTransform(c, p).toMatrix(), 0, est, 16 * v, 16);
        }
    }

    /** Shifts each shell's mean rigid parameters onto the b=0 volumes' mean (an anchor assumption). */
    static void recentre(double[] est, double[] bvals, double[] c) {
        int n = bvals.length;
        Map<Long, double[]> mean = new HashMap<>();
        for (int v = 0; v < n; v++) {
            double[] p = RigidTransform.fromMatrix(TransformSet.get(est, v), c).getParameters();
            double[] acc = mean.computeIfAbsent(bvals[v] <= 50 ? 0L : Math.round(bvals[v]), k -> new double[7]);
            for (int k = 0; k < 6; k++) {
                acc[k] += p[k];
            }
            acc[6]++;
        }
        double[] b0 = mean.get(0L);
        shiftShells(est, bvals, c, (acc, k) -> acc[k] / acc[6] - b0[k] / b0[6], mean);
    }

    /** Cheat: shifts each shell's mean parameter error (against the truth) to zero; how much the common mode costs. */
    static void oracleRecentre(double[] est, double[] bvals, double[] c, SimulatedSeries sm) {
        int n = bvals.length;
        Map<Long, double[]> mean = new HashMap<>();
        for (int v = 0; v < n; v++) {
            double[] p = RigidTransform.fromMatrix(TransformSet.get(est, v), c).getParameters();
            double[] t = sm.motion()[v].toArray();
            double[] acc = mean.computeIfAbsent(Math.round(bvals[v]), k -> new double[7]);
            for (int k = 0; k < 6; k++) {
                acc[k] += p[k] - t[k];
            }
            acc[6]++;
        }
        for (int v = 0; v < n; v++) {
            double[] acc = mean.get(Math.round(bvals[v]));
            double[] p = RigidTransform.fromMatrix(TransformSet.get(est, v), c).getParameters();
            for (int k = 0; k < 6; k++) {
                p[k] -= acc[k] / acc[6];
            }
            System.arraycopy(new RigidTransform(c, p).toMatrix(), 0, est, 16 * v, 16);
        }
    }

    /**
     * Prediction = mean aligned b=0 × attenuation smoothed inside the support (normalised Gaussian), so the DWI
     * prediction's edges come from the b=0 volumes, not from the attenuation fitted on misaligned DWIs.
     */
    static void smoothAttenuation(float[][] pred, float[][] aligned, double[] bvals, ImageGeometry g, int[] support,
                                  double sigmaVoxels) {
        int nVox = g.numVoxels();
        float[] b0 = new float[nVox];
        int nb0 = 0;
        for (int v = 0; v < bvals.length; v++) {
            if (bvals[v] <= 50) {
                nb0++;
                for (int i = 0; i < nVox; i++) {
                    b0[i] += aligned[v][i];
                }
            }
        }
        float[] w = new float[nVox];
        for (int i : support) {
            b0[i] /= nb0;
            w[i] = b0[i] > 0 ? b0[i] : 0;
        }
        double sigmaMm = sigmaVoxels * g.spacing()[0];
        float[] ws = GaussianSmoothingOps.smooth(new Image3D(g, w), sigmaMm).data();
        for (int v = 0; v < bvals.length; v++) {
            if (bvals[v] <= 50) {
                continue;
            }
            // b0-weighted smoothing of the attenuation: sum(w·A)/sum(w) with w·A = prediction · (w / b0) = prediction
            float[] num = new float[nVox];
            for (int i : support) {
                num[i] = w[i] > 0 ? pred[v][i] : 0;
            }
            float[] ns = GaussianSmoothingOps.smooth(new Image3D(g, num), sigmaMm).data();
            float[] out = new float[nVox];
            for (int i : support) {
                out[i] = ws[i] > 0 ? b0[i] * ns[i] / ws[i] : 0;
            }
            pred[v] = out;
        }
    }

    /** Noise-free image of volume v in the reference position, with the gradient its moved head saw (Rᵀg). */
    static float[] render(ImageGeometry g, RigidMotion mo, double b, double[] bvecs, int v) {
        double[] h = new double[3];
        MotionModel.gradientInHeadFrame(mo, bvecs[3 * v], bvecs[3 * v + 1], bvecs[3 * v + 2], h);
        PhantomSignal s = new PhantomSignal(new HeadAnatomy(g), TissueClass.WHITE_MATTER, TissueClass.GREY_MATTER,
                TissueClass.CSF);
        double[] a = g.voxelToWorld();
        float[] out = new float[g.numVoxels()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    out[i + g.nx() * (j + g.ny() * k)] = (float) s.voxelMean(a, i, j, k, VOXEL_SAMPLES, b, h[0], h[1],
                            h[2]);
                }
            }
        }
        return out;
    }

    /**
     * Roles swapped: the observed volume is the fixed image (its noise is never interpolated), the reference the
     * moving one (given the observed volume's Rician floor first); the mask is moved into the observed space by
     * {@code maskTransform}. Returns the reference → observed (fixed → moving of the usual roles) matrix.
     */
    static double[] swapped(ImageGeometry g, float[] ref, float[] obs, Image3D mask, double[] maskTransform) {
        Image3D r = new Image3D(g, ref), o = new Image3D(g, obs);
        Image3D moving = org.dwimotion.registration.intensity.NoiseFloorModel.estimate(r, o, mask).apply(r);
        Image3D obsMask = org.dwimotion.resample.Resampler.resample(mask, g, org.dwimotion.image.Affines.invert(
                maskTransform), org.dwimotion.resample.Interpolation.LINEAR, 0f);
        float[] d = obsMask.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] >= 0.5f ? 1f : 0f;
        }
        double[] t = new ImageRegistrationMethod(settings().setNoiseFloorMatching(false))
                .register(o, moving, obsMask).fixedToMoving();
        return org.dwimotion.image.Affines.invert(t);
    }

    /** Plain SSD of the finest level (both images smoothed, moving B-spline at T(x)) over the mask voxels. */
    static double finestSsd(ImageGeometry g, float[] fixed, float[] moving, Image3D mask, double[] t) {
        double sp = (g.spacing()[0] + g.spacing()[1] + g.spacing()[2]) / 3;
        double sigma = Double.parseDouble(System.getProperty("finestSigma",
                String.valueOf(RegistrationSettings.FINEST_SIGMA_VOXELS))) * sp;
        Image3D f = GaussianSmoothingOps.smooth(new Image3D(g, fixed), sigma);
        org.dwimotion.resample.Interpolator m = org.dwimotion.resample.Interpolation.BSPLINE3.create(
                GaussianSmoothingOps.smooth(new Image3D(g, moving), sigma));
        double[] v2w = g.voxelToWorld(), w = new double[3], q = new double[3];
        float[] md = mask.data(), fd = f.data();
        double sum = 0;
        for (int k = 0, i = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int x = 0; x < g.nx(); x++, i++) {
                    if (md[i] == 0) {
                        continue;
                    }
                    org.dwimotion.image.Affines.apply(v2w, x, j, k, w);
                    org.dwimotion.image.Affines.apply(t, w[0], w[1], w[2], q);
                    double r = m.evaluateAtWorld(q[0], q[1], q[2]) - fd[i];
                    sum += r * r;
                }
            }
        }
        return sum;
    }

    /** The job's registration settings; -Dmatching=NONE and -Dloss=HUBER|NONE probe the metric. */
    static RegistrationSettings settings() {
        org.dwimotion.registration.metric.MetricOptions d = org.dwimotion.registration.metric.MetricOptions.defaults();
        return new RegistrationSettings().setMetricOptions(new org.dwimotion.registration.metric.MetricOptions(
                org.dwimotion.registration.metric.RobustLoss.valueOf(System.getProperty("loss", d.robustLoss().name())),
                System.getProperty("loss", "TUKEY").equals("HUBER") ? 1.345 : d.threshold(),
                org.dwimotion.registration.metric.IntensityMatching.valueOf(
                        System.getProperty("matching", d.intensityMatching().name())), d.minimumOverlap()))
                .setRelativeValueTolerance(Double.parseDouble(System.getProperty("valueTol", "1e-6")))
                .setStepToleranceMm(Double.parseDouble(System.getProperty("stepTol", "1e-3")))
                .setNoiseFloorMatching(Boolean.parseBoolean(System.getProperty("noiseFloor", "true")))
                .setSmoothingSigmasPerLevel(2, 1, Double.parseDouble(System.getProperty("finestSigma",
                        String.valueOf(RegistrationSettings.FINEST_SIGMA_VOXELS))));
    }

    static void print(String ref, String cls, List<double[]> rows) {
        double sxyT = 0, sxxT = 0, sxyR = 0, sxxR = 0;
        double[] bias = new double[3];
        for (double[] r : rows) {
            for (int k = 0; k < 3; k++) {
                sxyT += r[k] * r[6 + k];
                sxxT += r[6 + k] * r[6 + k];
                sxyR += r[3 + k] * r[9 + k];
                sxxR += r[9 + k] * r[9 + k];
                bias[k] += (r[k] - r[6 + k]) / rows.size();
            }
        }
        double slopeT = sxyT / sxxT, slopeR = sxxR > 0 ? sxyR / sxxR : Double.NaN, ss = 0;
        for (double[] r : rows) {
            for (int k = 0; k < 3; k++) {
                ss += Math.pow(r[k] - slopeT * r[6 + k], 2);
            }
        }
        double[] err = rows.stream().mapToDouble(r -> r[12]).sorted().toArray();
        System.out.printf("%-7s %-6s %3d %7.3f %7.3f %8.3f %8.3f %8.3f %8.3f%n", ref, cls, rows.size(), slopeT, slopeR,
                Math.sqrt(ss / (3 * rows.size())), quantile(err, 0.5), quantile(err, 0.95),
                Math.sqrt(bias[0] * bias[0] + bias[1] * bias[1] + bias[2] * bias[2]));
    }

    static double quantile(double[] s, double q) {
        double x = q * (s.length - 1);
        int i = (int) Math.floor(x);
        return i + 1 < s.length ? s[i] + (x - i) * (s[i + 1] - s[i]) : s[i];
    }

    /** LOVO predictions of every volume (b=0: mean of the other b=0 volumes), 0 outside the support. */
    static float[][] predict(LovoModelType model, double[] bvals, double[] bvecs, float[][] vols, int[] support,
                             int nVox) {
        int n = vols.length, k = support.length;
        LovoDesign d = LovoDesign.diffusionWeighted(model, FitMethod.valueOf(System.getProperty("fit", "WLS")), bvals, bvecs, 50);
        float[] sig = new float[k * n];
        for (int p = 0; p < k; p++) {
            for (int t = 0; t < n; t++) {
                sig[p * n + t] = vols[t][support[p]];
            }
        }
        float[] pred = new float[k * d.nHeldOut()];
        LovoKernels.create(d).predict(sig, pred, k, new LovoCounts());
        FitPredictOps.clampToOtherVolumesRange(sig, pred, k, n, d.heldOutVolumes());
        float[][] out = new float[n][];
        for (int j = 0; j < d.nHeldOut(); j++) {
            out[d.heldOutVolume(j)] = new float[nVox];
            for (int p = 0; p < k; p++) {
                out[d.heldOutVolume(j)][support[p]] = pred[p * d.nHeldOut() + j];
            }
        }
        int[] b0 = d.b0Volumes();
        for (int v : b0) {
            float[] mean = new float[nVox];
            for (int u : b0) {
                if (u != v) {
                    for (int i = 0; i < nVox; i++) {
                        mean[i] += vols[u][i] / (b0.length - 1);
                    }
                }
            }
            out[v] = mean;
        }
        return out;
    }
}

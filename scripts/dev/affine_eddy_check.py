# Usage: python3 scripts/dev/affine_eddy_check.py SIM RUN   (SIM: dwimotion simulate output with --eddy; RUN: run output)
# Units: rotation errors in degrees; eddy coefficients in mm of y displacement per mm (TruthFiles convention).
# Per DWI: rotation error (deg) of the estimated affine's rigid part taken two ways (polar vs the x/z rows, which
# the y-row eddy model leaves rigid) against the true motion rotation; estimated vs true eddy (y-row) coefficients.
import json, sys, numpy as np
sim, run = sys.argv[1:3]
d = json.load(open(f'{sim}/motion_truth.json'))
rows = [l.split() for l in open(f'{run}/sub-dwi_desc-hmc_affines.tsv')][1:]
ep, ex, ee, te = [], [], [], []
def ang(a, b): return np.degrees(np.arccos(np.clip((np.trace(a.T @ b) - 1) / 2, -1, 1)))
def xz(L):
    U, _, Vt = np.linalg.svd(np.vstack([L[0], np.cross(L[2], L[0]), L[2]])); return U @ Vt
for r in rows:
    v = int(r[0]); tv = d['volumes'][v]
    if tv['bval'] <= 50: continue
    L = np.array([float(x) for x in r[1:]]).reshape(4, 4)[:3, :3]
    T = np.array(tv['fixed_to_moving']).reshape(4, 4)[:3, :3]
    Rt = xz(T)
    U, _, Vt = np.linalg.svd(L); Rp = U @ Vt
    Rx = xz(L)
    ep.append(ang(Rp, Rt)); ex.append(ang(Rx, Rt))
    ee.append((L[1] - Rx[1]) @ Rx.T); te.append(np.array(tv['eddy']))
ee, te = np.array(ee), np.array(te)
print('median rot error deg: polar %.3f, x/z rows %.3f' % (np.median(ep), np.median(ex)))
for k in range(3):
    s = (ee[:, k] @ te[:, k]) / (te[:, k] @ te[:, k])
    print('eddy component %d: slope est/true %.3f, rms residual %.4f' % (k, s, np.sqrt(np.mean((ee[:, k] - s * te[:, k]) ** 2))))

# Usage: python3 scripts/dev/eddy_model_refit.py SIM RUN OUT   (OUT: a copy of RUN with rewritten affines, for
# `dwimotion evaluate --result OUT`). Matrices: fixed -> moving, world RAS mm; eddy model E(x) = x + y_hat (e . (x - c)).
# Probe: est eddy (y-row of the linear part, rank-one E = I + y e^T about centre c) regressed on [b/bmax*g, 1] over
# the DWIs; the intercept (common shear, LOVO-hidden) dropped; affines rewritten for `dwimotion evaluate`.
import json, sys, shutil, os, numpy as np
sim, run, out = sys.argv[1:4]
d = json.load(open(f'{sim}/motion_truth.json'))
c = np.array(d['centre_mm'])
bvals = np.loadtxt(f'{sim}/dwi.bval'); bvecs = np.loadtxt(f'{sim}/dwi.bvec').T
rows = [l.split() for l in open(f'{run}/sub-dwi_desc-hmc_affines.tsv')]
M = {int(r[0]): np.array([float(x) for x in r[1:]]).reshape(4, 4) for r in rows[1:]}
def E(e):
    A = np.eye(4); A[1, :3] += e; A[1, 3] -= e @ c; return A
es, R = {}, {}
for v, m in M.items():
    L = m[:3, :3]; x, z = L[0], L[2]
    # nearest rotation with the x/z rows of L (E changes only the y row)
    U, _, Vt = np.linalg.svd(np.vstack([x, np.cross(z, x), z])); r = U @ Vt
    e = (L[1] - r[1]) @ r.T
    es[v] = e; R[v] = np.linalg.inv(E(e)) @ m
dw = [v for v in M if bvals[v] > 50]; bmax = bvals.max()
X = np.array([np.r_[bvals[v] / bmax * bvecs[v], 1.0] for v in dw]); Y = np.array([es[v] for v in dw])
K, *_ = np.linalg.lstsq(X, Y, rcond=None)
print('intercept (common shear, per mm):', np.round(K[3], 4), ' slope rows:', np.round(K[:3], 4).tolist())
shutil.rmtree(out, ignore_errors=True); shutil.copytree(run, out)
with open(f'{out}/sub-dwi_desc-hmc_affines.tsv', 'w') as f:
    f.write('\t'.join(rows[0]) + '\n')
    for v in sorted(M):
        m = E(X[dw.index(v)][:3] @ K[:3]) @ R[v] if v in dw else M[v]
        f.write(str(v) + '\t' + '\t'.join(repr(float(x)) for x in m.ravel()) + '\n')

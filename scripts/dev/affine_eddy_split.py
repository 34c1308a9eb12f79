# Usage: python3 scripts/dev/affine_eddy_split.py SIM RUN   (SIM: dwimotion simulate output with --eddy; RUN: run output)
# Units: displacement errors in mm (mean over the true brain mask, no offset removal, as `evaluate --offset none`),
# rotation errors in degrees, translation errors in mm at the centre. Each transform (estimated and true) is split
# as A = E o G (G rigid, E(x) = x + e_y * (e . (x - c)), the simulator's eddy model along world y; the x/z rows
# taken as rigid, as EddyTransform.setMatrix does). Per b-value class, medians of: the estimate's error; its error
# with the true eddy part put in (what the rigid part costs); with the true rigid part put in (what the eddy part
# costs); the rigid part's rotation error; its translation error at the centre.
import numpy as np, json, sys, gzip, struct
sim, run = sys.argv[1:3]
d = json.load(open(f'{sim}/motion_truth.json'))
raw = gzip.open(f'{sim}/mask.nii.gz').read()
dim = struct.unpack('<8h', raw[40:56]); dt = struct.unpack('<h', raw[70:72])[0]; off = int(struct.unpack('<f', raw[108:112])[0])
dtype = {2: np.uint8, 4: np.int16, 8: np.int32, 16: np.float32}[dt]
m = np.frombuffer(raw[off:off + dim[1]*dim[2]*dim[3]*np.dtype(dtype).itemsize], dtype).reshape(dim[3], dim[2], dim[1])
k, j, i = np.nonzero(m)
A = np.array(d['voxel_to_world']).reshape(4, 4)
X = (A @ np.vstack([i, j, k, np.ones_like(i)]))
c = np.array(d['centre_mm'])
rows = {int(r.split()[0]): np.array([float(x) for x in r.split()[1:]]).reshape(4, 4) for r in open(f'{run}/sub-dwi_desc-hmc_affines.tsv').readlines()[1:]}
def split(T):
    L = T[:3, :3]
    M = np.vstack([L[0], np.cross(L[2], L[0]), L[2]]); U, _, Vt = np.linalg.svd(M); R = U @ Vt
    e = L[1] @ R.T - np.array([0, 1, 0])
    E = np.eye(4); E[1, :3] += e; E[1, 3] = -e @ c
    G = np.linalg.inv(E) @ T
    return E, G
def err(T1, T2): return np.mean(np.linalg.norm((T1 @ X - T2 @ X)[:3], axis=0))
res = {}
for v, T in rows.items():
    tv = d['volumes'][v]
    if v == 0: continue
    Tt = np.array(tv['fixed_to_moving']).reshape(4, 4)
    Ee, Ge = split(T); Et, Gt = split(Tt)
    cl = int(tv['bval'])
    res.setdefault(cl, []).append([err(T, Tt), err(Et @ Ge, Tt), err(Ee @ Gt, Tt), np.degrees(np.arccos(np.clip((np.trace(Ge[:3,:3].T@Gt[:3,:3])-1)/2,-1,1))), np.linalg.norm((Ge@np.r_[c,1]-Gt@np.r_[c,1])[:3])])
print('class  est  trueEddy  trueRigid  rotErr(deg)  transErr@c(mm)   [medians, offset none]')
for cl, r in sorted(res.items()):
    r = np.array(r); print(cl, np.round(np.median(r, axis=0), 3))

#!/usr/bin/env python3
"""Registration benchmark, Python side (DIPY 1.6 peer).

make: builds phantom pairs with known rigid motion (fixed = a phantom volume, moving = the same
      volume resampled through the inverse of a random rigid transform up to 10 mm / 10 degrees,
      cubic spline; "noisy" pairs also get independent Rician noise, sigma = mean b0 in mask / 30)
      and writes them as raw little-endian float32 (x fastest) plus pairs.txt.
dipy: registers every pair with DIPY's AffineRegistration() defaults and RigidTransform3D (as
      dipy.align.imaffine documents), timing each call, and prints the displacement error
      (median over the mask of |T_est(x) - T_true(x)|, mm).

Both sides read the same files, so the Java engine and DIPY see identical pairs.
"""
import argparse
import os
import sys
import time

import numpy as np


def rigid_matrix(params, centre):
    """4x4 fixed->moving, params [tx,ty,tz,rx,ry,rz], R = Rz Ry Rx about centre (dwimotion's convention)."""
    tx, ty, tz, rx, ry, rz = params
    cx, sx = np.cos(rx), np.sin(rx)
    cy, sy = np.cos(ry), np.sin(ry)
    cz, sz = np.cos(rz), np.sin(rz)
    Rx = np.array([[1, 0, 0], [0, cx, -sx], [0, sx, cx]])
    Ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    Rz = np.array([[cz, -sz, 0], [sz, cz, 0], [0, 0, 1]])
    R = Rz @ Ry @ Rx
    m = np.eye(4)
    m[:3, :3] = R
    m[:3, 3] = centre + np.array([tx, ty, tz]) - R @ centre
    return m


def write_f32(path, vol):
    np.asarray(vol, dtype='<f4').ravel(order='F').tofile(path)


def read_f32(path, shape):
    return np.fromfile(path, dtype='<f4').reshape(shape, order='F')


def make(args):
    import nibabel as nib
    from scipy.ndimage import affine_transform
    img = nib.load(os.path.join(args.phantom, 'dwi.nii.gz'))
    data = img.get_fdata(dtype=np.float32)
    aff = img.affine
    mask = nib.load(os.path.join(args.phantom, 'mask.nii.gz')).get_fdata() > 0
    bvals = np.loadtxt(os.path.join(args.phantom, 'dwi.bval'))
    b0s = np.where(bvals <= 50)[0]
    sigma = data[..., b0s][mask].mean() / 30.0
    shape = data.shape[:3]
    centre = aff[:3, :3] @ ((np.array(shape) - 1) / 2.0) + aff[:3, 3]
    rng = np.random.default_rng(args.seed)
    os.makedirs(args.out, exist_ok=True)
    write_f32(os.path.join(args.out, 'mask.f32'), mask.astype(np.float32))
    dwis = np.where(bvals > 50)[0]
    lines = []
    for p in range(args.pairs):
        vol = int(b0s[p % len(b0s)]) if p % 2 == 0 else int(dwis[(7 * p) % len(dwis)])
        noisy = (p // 2) % 2 == 1
        params = np.concatenate([rng.uniform(-10, 10, 3), np.deg2rad(rng.uniform(-10, 10, 3))])
        truth = rigid_matrix(params, centre)
        # moving(y) = V(truth^-1 y): voxel map y_idx -> V index = A^-1 truth^-1 A y_idx
        vox = np.linalg.inv(aff) @ np.linalg.inv(truth) @ aff
        fixed = data[..., vol]
        moving = affine_transform(fixed, vox[:3, :3], vox[:3, 3], output_shape=shape, order=3,
                                  mode='constant', cval=0.0)
        if noisy:
            n1 = rng.normal(0, sigma, shape)
            n2 = rng.normal(0, sigma, shape)
            moving = np.sqrt((moving + n1) ** 2 + n2 ** 2)
        name = 'pair%02d' % p
        write_f32(os.path.join(args.out, name + '_fixed.f32'), fixed)
        write_f32(os.path.join(args.out, name + '_moving.f32'), moving)
        lines.append(' '.join([name, str(vol), 'noisy' if noisy else 'clean', '%d %d %d' % shape]
                              + ['%.17g' % v for v in aff.ravel()] + ['%.17g' % v for v in truth.ravel()]))
    with open(os.path.join(args.out, 'pairs.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')
    print('wrote %d pairs to %s (Rician sigma %.2f)' % (args.pairs, args.out, sigma))


def read_pairs(d):
    pairs = []
    with open(os.path.join(d, 'pairs.txt')) as f:
        for line in f:
            t = line.split()
            shape = tuple(int(v) for v in t[3:6])
            aff = np.array([float(v) for v in t[6:22]]).reshape(4, 4)
            truth = np.array([float(v) for v in t[22:38]]).reshape(4, 4)
            pairs.append((t[0], t[1], t[2], shape, aff, truth))
    return pairs


def displacement(a, b, aff, mask):
    idx = np.argwhere(mask).T
    pts = aff[:3, :3] @ idx + aff[:3, 3:4]
    pts = np.vstack([pts, np.ones(pts.shape[1])])
    d = (a - b)[:3] @ pts
    return np.sqrt((d ** 2).sum(0))


def run_dipy(args):
    from dipy.align.imaffine import AffineRegistration
    from dipy.align.transforms import RigidTransform3D
    pairs = read_pairs(args.out)
    mask = None
    print('%-7s %-5s %-6s %10s %12s %12s' % ('pair', 'vol', 'noise', 'time_s', 'median_mm', 'mean_mm'))
    rows = []
    for name, vol, noise, shape, aff, truth in pairs:
        if mask is None:
            mask = read_f32(os.path.join(args.out, 'mask.f32'), shape) > 0
        fixed = read_f32(os.path.join(args.out, name + '_fixed.f32'), shape).astype(np.float64)
        moving = read_f32(os.path.join(args.out, name + '_moving.f32'), shape).astype(np.float64)
        affreg = AffineRegistration(verbosity=0)
        t0 = time.perf_counter()
        result = affreg.optimize(fixed, moving, RigidTransform3D(), None, aff, aff)
        dt = time.perf_counter() - t0
        e = displacement(result.affine, truth, aff, mask)
        rows.append((dt, np.median(e), noise))
        print('%-7s %-5s %-6s %10.3f %12.4f %12.4f' % (name, vol, noise, dt, np.median(e), e.mean()))
        sys.stdout.flush()
    for noise in ('clean', 'noisy'):
        sel = [r for r in rows if r[2] == noise]
        if sel:
            print('DIPY %s: median time %.3f s, median of median errors %.4f mm, worst %.4f mm'
                  % (noise, np.median([r[0] for r in sel]), np.median([r[1] for r in sel]), max(r[1] for r in sel)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('mode', choices=['make', 'dipy'])
    ap.add_argument('--out', required=True, help='folder of the pairs')
    ap.add_argument('--phantom', default='../shared/data/phantom')
    ap.add_argument('--pairs', type=int, default=8)
    ap.add_argument('--seed', type=int, default=20240601)
    args = ap.parse_args()
    make(args) if args.mode == 'make' else run_dipy(args)


if __name__ == '__main__':
    main()

#!/usr/bin/python3
"""DIPY's register-to-b0 motion correction of a simulated series, written in dwimotion's transforms format.

    /usr/bin/python3 scripts/accuracy_dipy.py SIM_DIR OUT_DIR [--affine]

Uses dipy.align.motion_correction (DIPY 1.6.0) on the first b=0 volume plus all diffusion-weighted volumes (one
b=0 only: with several, motion_correction first registers the b=0 volumes among themselves and then registers
the DWIs to their mean, whose frame is not exactly volume 0's). The other b=0 volumes are registered to volume 0
with dipy.align.register_series, the function motion_correction itself calls. Pipeline: center_of_mass,
translation, rigid (and affine with --affine, DIPY's default pipeline). No mask (DIPY's default).

DIPY's per-volume matrix maps a point of the static (reference) image, in world coordinates of the NIfTI affine
(RAS mm), to the moving image: the same fixed -> moving direction as dwimotion (checked by scripts/accuracy.sh:
evaluating the inverse instead gives errors of about twice the motion). It is written unchanged, as
OUT_DIR/transforms.json with one "fixed_to_moving" 4x4 row-major array per volume.
"""
import json
import os
import sys
import time

import numpy as np
import nibabel as nib
from dipy.align import motion_correction, register_series
from dipy.core.gradients import gradient_table
from dipy.io.gradients import read_bvals_bvecs


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sim, out = sys.argv[1], sys.argv[2]
    pipeline = ["center_of_mass", "translation", "rigid"] + (["affine"] if "--affine" in sys.argv[3:] else [])
    img = nib.load(os.path.join(sim, "dwi.nii.gz"))
    data = np.asarray(img.dataobj, dtype=np.float32)
    bvals, bvecs = read_bvals_bvecs(os.path.join(sim, "dwi.bval"), os.path.join(sim, "dwi.bvec"))
    b0 = np.flatnonzero(bvals <= 50)
    if b0.size == 0 or b0[0] != 0:
        sys.exit("volume 0 must be a b=0 volume (the simulator's reference)")
    dwi = np.flatnonzero(bvals > 50)
    n = data.shape[-1]
    affines = np.zeros((n, 4, 4))
    affines[0] = np.eye(4)
    start = time.time()

    subset = np.concatenate([[0], dwi])
    gtab = gradient_table(bvals[subset], bvecs[subset], b0_threshold=50)
    _, a = motion_correction(data[..., subset], gtab, affine=img.affine, b0_ref=0, pipeline=pipeline)
    for k, v in enumerate(subset):
        affines[v] = a[..., k]
    if b0.size > 1:
        _, a = register_series(data[..., b0], ref=0, pipeline=pipeline, series_affine=img.affine)
        for k, v in enumerate(b0):
            if v != 0:
                affines[v] = a[..., k]
    seconds = time.time() - start

    os.makedirs(out, exist_ok=True)
    doc = {
        "convention": "fixed_to_moving: DIPY motion_correction affines (static world -> moving world, RAS mm), "
                      "4x4 row-major",
        "tool": "dipy %s motion_correction, pipeline %s" % (__import__("dipy").__version__, ",".join(pipeline)),
        "seconds": round(seconds, 1),
        "volumes": [{"volume": int(v), "fixed_to_moving": [float(x) for x in affines[v].ravel()]} for v in range(n)],
    }
    tmp = os.path.join(out, ".transforms.json.tmp")
    with open(tmp, "w") as f:
        json.dump(doc, f, indent=1)
    os.replace(tmp, os.path.join(out, "transforms.json"))
    print("dipy: %d volumes registered in %.1f s -> %s" % (n, seconds, os.path.join(out, "transforms.json")))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""DIPY 1.6.0 side of scripts/bench-kernels.sh: the LOVO loop of dwimotion's kernels, done DIPY's way.

For each held-out diffusion-weighted volume v of a subset (default 3, spread over the series), fits
TensorModel / DiffusionKurtosisModel (fit_method OLS or WLS, every other option default, b0 threshold 50)
on all other volumes inside the phantom mask and predicts v (attenuation x mean b0), exactly as the golden
files were made. Prints the CPU seconds per held-out volume (median) and that figure x 90 (the whole series).
Run single-threaded: OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1.

  bench_lovo_dipy.py PHANTOM_DIR [--heldout 3] [--configs dti-ols,dki-ols,dti-wls,dki-wls]
"""
import argparse
import time
import warnings

import nibabel as nib
import numpy as np
from dipy.core.gradients import gradient_table
from dipy.io import read_bvals_bvecs
from dipy.reconst.dki import DiffusionKurtosisModel
from dipy.reconst.dti import TensorModel


def main():
    # a one-volume table for prediction makes DIPY warn that b0_threshold is below its smallest b
    warnings.filterwarnings("ignore", message="b0_threshold")
    ap = argparse.ArgumentParser()
    ap.add_argument("phantom")
    ap.add_argument("--heldout", type=int, default=3)
    ap.add_argument("--configs", default="dti-ols,dki-ols,dti-wls,dki-wls")
    a = ap.parse_args()
    data = np.asarray(nib.load(a.phantom + "/dwi.nii.gz").dataobj, dtype=np.float64)
    mask = np.asarray(nib.load(a.phantom + "/mask.nii.gz").dataobj) > 0
    bvals, bvecs = read_bvals_bvecs(a.phantom + "/dwi.bval", a.phantom + "/dwi.bvec")
    bvecs = np.nan_to_num(bvecs)
    b0 = bvals <= 50
    dw = np.flatnonzero(~b0)
    s0 = data[..., b0].mean(-1)[mask]
    picks = dw[np.linspace(0, len(dw) - 1, a.heldout).round().astype(int)]
    sig = data[mask]
    for config in a.configs.split(","):
        model, fit = config.split("-")
        seconds = []
        for v in picks:
            keep = np.arange(len(bvals)) != v
            gtab = gradient_table(bvals[keep], bvecs[keep], b0_threshold=50)
            gtab_v = gradient_table(bvals[[v]], bvecs[[v]], b0_threshold=50)
            t0 = time.process_time()  # CPU time, as the Java side reports (the machine may be shared)
            if model == "dti":
                m = TensorModel(gtab, fit_method=fit.upper())
            else:
                m = DiffusionKurtosisModel(gtab, fit_method=fit.upper())
            f = m.fit(sig[:, keep])
            pred = f.predict(gtab_v, S0=1.0)[..., 0] * s0
            seconds.append(time.process_time() - t0)
            assert np.isfinite(pred).all()
        per = float(np.median(seconds))
        print(f"RESULT {config} dipy_per_heldout_s={per:.4f} dipy_90_s={per * 90:.2f} heldout={list(map(int, picks))}",
              flush=True)


if __name__ == "__main__":
    main()

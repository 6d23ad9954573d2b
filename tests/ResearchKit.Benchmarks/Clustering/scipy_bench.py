"""Reference side of `researchkit-benchmarks clustering-vs-scipy` (tests/ResearchKit.Benchmarks/Clustering).

Usage: /usr/bin/python3 scipy_bench.py <out_dir> <n_ahc> <n_kmeans> <n_spectral>

Writes the benchmark inputs as .npy into <out_dir> (the C# side reads the very same files), then times, one run
each after one small warm-up, wall clock (time.perf_counter) and process CPU (time.process_time):
  - scipy.cluster.hierarchy.linkage(X, 'centroid', 'euclidean') and linkage(X, 'average', 'cosine'), pdist included;
  - sklearn KMeans(50, init='k-means++', n_init=1, random_state=0, algorithm='lloyd') on the 100k blobs;
  - spectralcluster SpectralClusterer(min_clusters=2, max_clusters=100) with RefinementOptions(gaussian_blur_sigma=1,
    p_percentile=0.95, RowMax, soft multiplier 0.01, Max, ICASSP 2018 sequence) = SpectralOptions.Malaya, and the
    same with max_clusters=7 (SpectralOptions.Icassp2018), if `import spectralcluster` works (put a checkout on PYTHONPATH).
Prints one line per job: `<job> <wall seconds> <cpu seconds> [note]`. Data as the fixture README's timings:
default_rng(7) N(0,1) rows L2-normalised (AHC); default_rng(8) 50 centres 3·N(0,1) + N(0,1) (k-means);
default_rng(3) 8 centres 3·N(0,1) + N(0,1) (spectral).
"""
import os
import sys
import time

import numpy as np


def timed(name, fn, note=""):
    t0, c0 = time.perf_counter(), time.process_time()
    r = fn()
    print(f"{name} {time.perf_counter() - t0:.4f} {time.process_time() - c0:.4f} {note}".rstrip(), flush=True)
    return r


def blobs(rng, n, d, k):
    cen = 3.0 * rng.standard_normal((k, d))
    return cen[rng.integers(0, k, n)] + rng.standard_normal((n, d))


def main():
    out, n_ahc, n_km, n_sp = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    os.makedirs(out, exist_ok=True)
    x = np.random.default_rng(7).standard_normal((n_ahc, 256))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    y = blobs(np.random.default_rng(8), n_km, 256, 50)
    z = blobs(np.random.default_rng(3), n_sp, 256, 8)
    np.save(os.path.join(out, "ahc.npy"), x)
    np.save(os.path.join(out, "kmeans.npy"), y)
    np.save(os.path.join(out, "spectral.npy"), z)

    from scipy.cluster.hierarchy import linkage
    linkage(x[:200], "centroid", "euclidean")  # warm-up (imports, first calls)
    timed("ahc-centroid", lambda: linkage(x, "centroid", "euclidean"))
    timed("ahc-average-cosine", lambda: linkage(x, "average", "cosine"))

    from sklearn.cluster import KMeans
    KMeans(n_clusters=5, init="k-means++", n_init=1, random_state=0, algorithm="lloyd").fit(y[:1000])
    km = timed("kmeans", lambda: KMeans(n_clusters=50, init="k-means++", n_init=1, random_state=0,
                                        algorithm="lloyd").fit(y))
    print(f"kmeans-iterations {km.n_iter_} {km.inertia_!r}", flush=True)

    try:
        import spectralcluster as sc
    except ImportError:
        print("spectral - - spectralcluster not importable (put a wq2012/SpectralCluster checkout on PYTHONPATH)", flush=True)
        return
    def clusterer(max_clusters):
        opts = sc.RefinementOptions(gaussian_blur_sigma=1, p_percentile=0.95, thresholding_soft_multiplier=0.01,
                                    thresholding_type=sc.ThresholdType.RowMax,
                                    refinement_sequence=list(sc.ICASSP2018_REFINEMENT_SEQUENCE))
        return sc.SpectralClusterer(min_clusters=2, max_clusters=max_clusters, refinement_options=opts, autotune=None,
                                    laplacian_type=None)

    clusterer(100).predict(z[:200])
    labels = timed("spectral", lambda: clusterer(100).predict(z))
    print(f"spectral-k {len(set(labels.tolist()))} -", flush=True)
    labels = timed("spectral-icassp", lambda: clusterer(7).predict(z))
    print(f"spectral-icassp-k {len(set(labels.tolist()))} -", flush=True)


if __name__ == "__main__":
    main()

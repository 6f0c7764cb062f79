/**
 * The environment the benchmarks run their numpy references in: one BLAS thread (the check and the
 * kernels they are compared with use one core each), and OpenBLAS choosing its own kernels for this
 * CPU (a core type or L2 size set for another purpose is dropped).
 */
export function numpyEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    OPENBLAS_NUM_THREADS: '1',
    OMP_NUM_THREADS: '1',
    MKL_NUM_THREADS: '1',
  };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/**
 * gensmooth's public API: objectives, conditions and checks, the estimator test,
 * optimizers, rate and escape experiments, reports, and the fast-check generators.
 * Each export is documented where it is defined; README.md has an example of each group.
 */
// Objectives
export type { Objective, FiniteSum, BuiltinDef, ParamSpec } from './objectives/objective.ts';
export { guarded, hvpOf, denseHessian } from './objectives/objective.ts';
export { resolveObjective, makeBuiltin, parseBuiltinParams } from './objectives/spec.ts';
export { exprObjective, parseExpression } from './objectives/expr.ts';
export { BUILTINS, findBuiltin } from './objectives/registry.ts';
export { verifyObjective, type VerifyResult } from './objectives/verify.ts';
// Conditions and checks
export { checkObjective } from './conditions/check.ts';
export { checkParallel } from './parallel/parallel.ts';
export { parseConditionSpec, defaultSpecs } from './conditions/spec.ts';
export { frontier } from './conditions/estimate.ts';
export { estimateFstar } from './search/fstar.ts';
export { findStationaryPoints } from './search/stationary.ts';
export type { CheckReport, ConditionResult, ConditionSpec, CheckOptions, Counterexample } from './conditions/result.ts';
export { CONDITIONS, findCondition } from './conditions/registry.ts';
export type { ConditionDef, EvalContext, Sample } from './conditions/model.ts';
export { operatorNorm } from './conditions/families/non-euclidean.ts';
export { checkExitCode } from './conditions/verdict.ts';
export { boxDomain, parseBoxSpec } from './domains/box.ts';
export type { Domain } from './domains/domain.ts';
export { KERNELS, type Kernel } from './core/kernels.ts';
export { scalingRow, affineRow, sumRow, type ClosureRow } from './conditions/closure.ts';
// Estimator test (I-NSGD eq. 12)
export { testEstimator, type EstimatorTestResult, type EstimatorTestOptions } from './estimators/insgd.ts';
// Optimizers
export { optimize, type OptimizeResult, type OptimizeOptions, type TracePoint } from './optim/run.ts';
export { METHODS, findMethod, parseMethodSpec, type MethodDef, type MethodPlan } from './optim/methods.ts';
export * as transforms from './optim/transform.ts';
export * as schedules from './optim/schedules.ts';
// Experiments
export { measureRate, classifyRegime, ngdGplPrediction, type RateResult } from './experiments/rate.ts';
export { escapeTimes, saddleInfo, type EscapeResult, type SaddleInfo } from './experiments/escape.ts';
// Reports
export { buildReport, upperHull, SCHEMA_VERSION, type ReportModel } from './report/report.ts';
export { writeReportDir } from './report/write.ts';
export { plotSvg, type PlotSpec, type Series } from './report/svg.ts';
// Generators and numerics
export * as arbitraries from './generators/arbitraries.ts';
export { Rng, type Seed } from './core/rng.ts';
export { jacobiEigen, lanczos, symNorm } from './core/eig.ts';
export { UsageError, ObjectiveError } from './errors.ts';

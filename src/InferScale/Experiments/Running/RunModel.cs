using InferScale.Compute;
using InferScale.Experiments.Results;
using InferScale.Generation;

namespace InferScale.Experiments.Running;

/// <summary>A policy model opened for a run: its generator (memoizing, with standalone accounting), shape and report facts.</summary>
/// <param name="Spec">The model as the config names it.</param>
/// <param name="Generator">The generator strategies call.</param>
/// <param name="Shape">The model's shape for FLOPs; null when unknown (remote model without parameters).</param>
/// <param name="Info">What reports need to know about it.</param>
public sealed record RunModel(ModelSpec Spec, MemoizingGenerator Generator, ModelShape? Shape, ModelInfo Info);

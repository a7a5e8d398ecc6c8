using BenchmarkDotNet.Attributes;
using InferScale.Engine;
using InferScale.Engine.Kernels;

namespace InferScale.Benchmarks;

/// <summary>
/// What batch invariance costs: the engine's invariant matmul (fixed per-element FMA chain, 4×4 register tiles) against
/// a batch-variant split-K kernel (four partial accumulators per dot product, shorter dependency chains) on the 25m
/// preset's gate/up projection shape, single-threaded; and the same product over Q8_0 weights kept quantised
/// (<see cref="MatMulQ8"/>, bit-identical to the invariant kernel over the dequantised weights, a quarter of the bytes). Run: <c>dotnet run -c Release --project bench/InferScale.Benchmarks -- --filter '*EngineMatMul*'</c>.
/// </summary>
[MemoryDiagnoser]
public class EngineMatMulBenchmarks
{
    private const int InDim = 512;
    private const int OutDim = 2560;
    private float[] _x = [];
    private float[] _w = [];
    private float[] _y = [];
    private Q8Matrix _q8 = null!;

    /// <summary>Batch rows.</summary>
    [Params(1, 8, 64)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _x = [.. Enumerable.Range(0, Batch * InDim).Select(_ => (float)random.NextDouble() - 0.5f)];
        _w = [.. Enumerable.Range(0, OutDim * InDim).Select(_ => (float)random.NextDouble() - 0.5f)];
        _y = new float[Batch * OutDim];
        _q8 = Q8Matrix.Quantize(_w, InDim);
    }

    [Benchmark(Baseline = true, Description = "invariant (engine)")]
    public void Invariant() => MatMul.Compute(_x, _w, Batch, InDim, OutDim, _y);

    [Benchmark(Description = "split-K (batch-variant)")]
    public void SplitK() => MatMul.ComputeSplitK(_x, _w, Batch, InDim, OutDim, _y);

    [Benchmark(Description = "Q8_0 kept quantised (engine)")]
    public void Q8() => MatMulQ8.Compute(_x, _q8.Quants, _q8.Scales, Batch, InDim, OutDim, _y);
}

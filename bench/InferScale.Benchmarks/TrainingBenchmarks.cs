using BenchmarkDotNet.Attributes;
using InferScale.Engine;
using InferScale.Engine.Training;

namespace InferScale.Benchmarks;

/// <summary>
/// One full training step (batch, forward, backward, clipping, AdamW) of the <c>0.3m</c> and <c>3m</c> presets at
/// 8 × 256 tokens. Tokens/s = 2048 / mean time; training FLOPs ≈ 6·N per token plus attention
/// (12·layers·T·dim per token, causal half counted), so the fraction of the machine's FMA peak follows.
/// </summary>
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private Trainer _trainer = null!;

    [Params("0.3m", "3m")]
    public string Preset { get; set; } = "3m";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        var config = ModelPresets.Get(Preset, ByteTokenizer.Instance.VocabSize);
        var options = new TrainingOptions { Steps = 1_000_000, BatchSize = 8, SequenceLength = 256, Seed = 1 };
        _trainer = new Trainer(config, options, new ArithTrainingData(ByteTokenizer.Instance, options), Threads);
        _trainer.RunStep();
    }

    /// <summary>One optimiser step on 8 × 256 = 2048 tokens.</summary>
    [Benchmark]
    public float Step() => _trainer.RunStep().Loss;
}

using InferScale.Engine;
using InferScale.Engine.Gguf;
using Xunit.Abstractions;

namespace InferScale.Tests.Peer;

/// <summary>
/// Our engine and llama.cpp compute the same logits, at every position of 20 prompts (BOS + 15–31 random ids), on the
/// bench engine's random models (<c>1m</c>, <c>25m</c>) written to GGUF as F32, F16 and Q8_0.
/// <para>F32: relative difference per position = max over the vocabulary of |ours − theirs| / max |theirs| ≤ 1e-4.</para>
/// <para>F16 and Q8_0: our engine dequantises the weights to float32 and keeps float32 activations, whereas ggml rounds
/// (F16) or quantises (Q8_0, blocks of 32) the activations before every dot product, so the logits differ by more than
/// rounding; the arg-max must agree at every position where llama.cpp's top-1/top-2 margin exceeds 0.5, and the largest
/// absolute difference is reported and bounded loosely (a regression guard, not a precision claim).</para>
/// </summary>
public sealed class LlamaCppLogitsAgreementTests(BenchModelFiles files, ITestOutputHelper output) : IClassFixture<BenchModelFiles>
{
    private const int Prompts = 20;
    private const double RelativeTolerance = 1e-4;
    private const float Margin = 0.5f;

    public static TheoryData<string, GgufTensorType, double> Cases() => new()
    {
        // Loose bounds on the max absolute difference for quantised files (measured values are in the test output and README).
        { "1m", GgufTensorType.F32, 0 },
        { "1m", GgufTensorType.F16, 0.02 },
        { "1m", GgufTensorType.Q8_0, 0.3 },
        { "25m", GgufTensorType.F32, 0 },
        { "25m", GgufTensorType.F16, 0.02 },
        { "25m", GgufTensorType.Q8_0, 0.3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_EveryPosition_AgreesWithLlamaCpp(string preset, GgufTensorType type, double maxAbsBound)
    {
        var path = files.Get(preset, type);
        var model = LlamaGguf.Load(path);
        var vocab = model.Config.VocabSize;
        var random = new Random(7);
        var prompts = Enumerable.Range(0, Prompts)
            .Select(_ => (int[])[model.Vocabulary.BosId, .. Enumerable.Range(0, random.Next(15, 32)).Select(_ => random.Next(vocab))])
            .ToArray();
        var theirs = LlamaCppProbe.LogitsMany(path, prompts, out var theirVocab);
        Assert.Equal(vocab, theirVocab);

        using var session = new EngineSession(model.Config, model.Weights, new EngineOptions { Threads = 1 });
        double maxRelative = 0, maxAbsolute = 0;
        int positions = 0, compared = 0, disagreements = 0;
        var firstDisagreement = "";
        for (var p = 0; p < prompts.Length; p++)
        {
            var ours = AllPositionLogits(session, prompts[p]);
            for (var t = 0; t < prompts[p].Length; t++)
            {
                var a = ours.AsSpan(t * vocab, vocab);
                var b = theirs[p].AsSpan(t * vocab, vocab);
                double diff = 0, scale = 0;
                for (var j = 0; j < vocab; j++)
                {
                    diff = Math.Max(diff, Math.Abs(a[j] - b[j]));
                    scale = Math.Max(scale, Math.Abs(b[j]));
                }
                maxAbsolute = Math.Max(maxAbsolute, diff);
                maxRelative = Math.Max(maxRelative, diff / scale);
                positions++;
                var (top1, top2) = TopTwo(b);
                if (b[top1] - b[top2] > Margin)
                {
                    compared++;
                    var ourTop = TopTwo(a).Top1;
                    if (ourTop != top1 && disagreements++ == 0)
                        firstDisagreement = $"prompt {p} position {t}: ours {ourTop}, llama.cpp {top1} (margin {b[top1] - b[top2]:F3})";
                }
            }
        }
        output.WriteLine($"{preset} {type}: {positions} positions, max relative difference {maxRelative:E2}, max absolute {maxAbsolute:E2}; "
            + $"top-1 compared at {compared} positions (margin > {Margin}), {disagreements} disagree");
        Assert.True(disagreements == 0, $"{disagreements} of {compared} top-1 disagreements; first: {firstDisagreement}");
        if (type == GgufTensorType.F32)
            Assert.True(maxRelative <= RelativeTolerance, $"max relative difference {maxRelative:E3} > {RelativeTolerance:E0}");
        else
            Assert.True(maxAbsolute <= maxAbsBound, $"max absolute difference {maxAbsolute:E3} > {maxAbsBound}");
        Assert.True(compared >= positions / 4, $"only {compared} of {positions} positions have a top-1/top-2 margin > {Margin}");
    }

    /// <summary>Our logits after every token of <paramref name="tokens"/>, in one forward pass of a fresh sequence.</summary>
    private static float[] AllPositionLogits(EngineSession session, int[] tokens)
    {
        using var sequence = session.CreateSequence();
        var rows = tokens.Select(t => new BatchRow(sequence, t, NeedLogits: true)).ToArray();
        var logits = new float[tokens.Length * session.Config.VocabSize];
        session.Forward(rows, logits);
        return logits;
    }

    private static (int Top1, int Top2) TopTwo(ReadOnlySpan<float> x)
    {
        int top1 = 0, top2 = -1;
        for (var j = 1; j < x.Length; j++)
        {
            if (x[j] > x[top1])
            {
                top2 = top1;
                top1 = j;
            }
            else if (top2 < 0 || x[j] > x[top2])
            {
                top2 = j;
            }
        }
        return (top1, top2);
    }
}

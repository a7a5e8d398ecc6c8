using InferScale.Engine.Kernels;
using InferScale.Generation;

namespace InferScale.Engine.Sampling;

/// <summary>
/// Draws a token from logits: greedy arg-max when the temperature is 0, else the steps in order (temperature, top-k,
/// top-p, min-p — so truncation sees the tempered distribution) and one uniform draw from the remaining candidates'
/// softmax, walked in candidate order. Exactly one draw of the sample's stream per token (none when greedy).
/// </summary>
public sealed class SamplerChain
{
    private readonly ISamplerStep[] _steps;
    private readonly SamplerCandidates _candidates;

    /// <summary>A chain of explicit steps; <paramref name="greedy"/> ignores them and takes the arg-max.</summary>
    public SamplerChain(int vocabSize, bool greedy, IEnumerable<ISamplerStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        IsGreedy = greedy;
        _steps = [.. steps];
        _candidates = new SamplerCandidates(vocabSize);
    }

    /// <summary>Whether the chain takes the arg-max.</summary>
    public bool IsGreedy { get; }

    /// <summary>The chain for <paramref name="options"/> (validated).</summary>
    public static SamplerChain FromOptions(SamplingOptions options, int vocabSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var steps = new List<ISamplerStep>();
        if (options.Temperature > 0)
        {
            steps.Add(new TemperatureStep(options.Temperature));
            if (options.TopK > 0)
                steps.Add(new TopKStep(options.TopK));
            if (options.TopP < 1)
                steps.Add(new TopPStep(options.TopP));
            if (options.MinP > 0)
                steps.Add(new MinPStep(options.MinP));
        }
        return new SamplerChain(vocabSize, options.Temperature == 0, steps);
    }

    /// <summary>Draws one token id from <paramref name="logits"/> (not modified) with <paramref name="random"/>.</summary>
    public int Sample(ReadOnlySpan<float> logits, ref SampleRandom random)
    {
        if (IsGreedy)
            return Selection.ArgMax(logits);
        _candidates.Load(logits);
        foreach (var step in _steps)
            step.Apply(_candidates);
        var values = _candidates.Values;
        var max = float.NegativeInfinity;
        foreach (var v in values)
            max = MathF.Max(max, v);
        double total = 0;
        foreach (var v in values)
            total += Math.Exp(v - max);
        var u = random.NextDouble() * total;
        double cumulative = 0;
        for (var i = 0; i < values.Length; i++)
        {
            cumulative += Math.Exp(values[i] - max);
            if (u < cumulative)
                return _candidates.Ids[i];
        }
        return _candidates.Ids[values.Length - 1];
    }
}

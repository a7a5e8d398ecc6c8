using InferScale.Compute;
using InferScale.Generation;

namespace InferScale.Tests.Strategies.Support;

/// <summary>
/// A deterministic arith-style test generator: sample <c>i</c> is a fixed token script that depends only on
/// (prompt, seed, i) — a few step lines and <c>\boxed{answer}</c> — with the answer drawn from a configurable
/// distribution (or fixed per index), per-answer length and confidence (top-k logprobs). Prefix continuation continues
/// the same script, so a trace grown in chunks equals the whole sample. Hand-written because no real model runs here.
/// </summary>
internal sealed class ScriptedGenerator : IGenerator
{
    private readonly Lock _gate = new();

    /// <summary>Answers and their weights for indices without an override.</summary>
    public IReadOnlyList<(string Answer, double Weight)> Distribution { get; init; } = [("7", 1)];

    /// <summary>Fixed answers per index (overrides the distribution).</summary>
    public IReadOnlyDictionary<int, string> Answers { get; init; } = new Dictionary<int, string>();

    /// <summary>Step lines per index (default 2–4 by hash).</summary>
    public IReadOnlyDictionary<int, int> StepsByIndex { get; init; } = new Dictionary<int, int>();

    /// <summary>Token confidence level per answer: alternatives get log-probability −c (default 6).</summary>
    public IReadOnlyDictionary<string, double> Confidence { get; init; } = new Dictionary<string, double>();

    /// <summary>Requests that include one of these indices throw.</summary>
    public IReadOnlySet<int> ThrowOn { get; init; } = new HashSet<int>();

    /// <summary>These indices come back with <see cref="FinishReason.Error"/>.</summary>
    public IReadOnlySet<int> ErrorOn { get; init; } = new HashSet<int>();

    /// <summary>When set, usage reports Kaplan FLOPs for this shape (prompt once per call).</summary>
    public ModelShape? Shape { get; init; }

    public GeneratorMetadata Metadata => new("scripted", "scripted-test")
    {
        Parameters = Shape?.Parameters, Layers = Shape?.Layers, ModelDim = Shape?.ModelDim,
    };

    /// <summary>Every request received, in order.</summary>
    public List<GenerationRequest> Requests { get; } = [];

    /// <summary>Samples produced (including error samples), over all calls.</summary>
    public int SamplesServed { get; private set; }

    /// <summary>Distinct sample indices requested (a trace grown in chunks counts once).</summary>
    public int DistinctIndices
    {
        get
        {
            lock (_gate)
                return Requests.SelectMany(r => Enumerable.Range(r.FirstIndex, r.Count)).Distinct().Count();
        }
    }

    public static int CountTokens(string text) => Tokenize(text).Count;

    /// <summary>The whole script of sample <paramref name="index"/> for <paramref name="prompt"/> and <paramref name="seed"/>.</summary>
    public IReadOnlyList<string> Script(string prompt, ulong seed, int index)
    {
        var h = Hash(seed, (ulong)index, Fnv(prompt));
        var answer = Answers.TryGetValue(index, out var fixedAnswer) ? fixedAnswer : Draw(h);
        var steps = StepsByIndex.TryGetValue(index, out var s) ? s : 2 + (int)(h % 3);
        var tokens = new List<string>();
        for (var k = 0; k < steps; k++)
            tokens.AddRange(["step", $" {k + 1}:", " v", " =", $" {(h >> (k * 4)) % 97}", "\n"]);
        tokens.AddRange(["The", " answer", " is", $" \\boxed{{{answer}}}."]);
        return tokens;
    }

    public ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        request.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
            Requests.Add(request);
        for (var i = request.FirstIndex; i < request.FirstIndex + request.Count; i++)
        {
            if (ThrowOn.Contains(i))
                throw new InvalidOperationException($"backend failed on sample {i}");
        }
        var promptTokens = CountTokens(request.Prompt) + CountTokens(request.Prefix);
        var samples = new List<Sample>(request.Count);
        long completion = 0;
        double flops = Shape is null ? 0 : KaplanFlops.Span(Shape, 0, promptTokens);
        for (var i = request.FirstIndex; i < request.FirstIndex + request.Count; i++)
        {
            if (ErrorOn.Contains(i))
            {
                samples.Add(new Sample("") { Index = i, PromptTokens = promptTokens, FinishReason = FinishReason.Error, Error = $"sample {i} failed" });
                continue;
            }
            var script = Script(request.Prompt, request.Sampling.Seed, i);
            var start = PrefixLength(script, request.Prefix, i);
            var available = script.Count - start;
            var take = Math.Min(available, request.Sampling.MaxTokens);
            var tokens = script.Skip(start).Take(take).ToList();
            var answer = ExtractAnswer(string.Concat(script));
            completion += take;
            if (Shape is not null)
                flops += KaplanFlops.Span(Shape, promptTokens, take);
            samples.Add(new Sample(string.Concat(tokens))
            {
                Index = i,
                PromptTokens = promptTokens,
                CompletionTokens = take,
                FinishReason = take < available ? FinishReason.Length : FinishReason.Stop,
                Logprobs = request.Sampling.Logprobs || request.Sampling.TopLogprobs > 0
                    ? [.. tokens.Select(t => Logprob(t, answer, request.Sampling.TopLogprobs))]
                    : null,
            });
        }
        lock (_gate)
            SamplesServed += samples.Count;
        var usage = new Usage { Calls = 1, PromptTokens = promptTokens, CompletionTokens = completion, Flops = flops };
        return ValueTask.FromResult(new GenerationResult(samples, usage));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private TokenLogprob Logprob(string token, string answer, int topK)
    {
        var c = Confidence.TryGetValue(answer, out var v) ? v : 6.0;
        var k = Math.Max(1, topK);
        var top = new List<TopLogprob>(k) { new(token, -0.05f) };
        for (var j = 1; j < k; j++)
            top.Add(new TopLogprob($"alt{j}", (float)-c));
        return new TokenLogprob(token, -0.05f, top);
    }

    private static int PrefixLength(IReadOnlyList<string> script, string prefix, int index)
    {
        if (prefix.Length == 0)
            return 0;
        var text = "";
        for (var m = 0; m < script.Count; m++)
        {
            text += script[m];
            if (text.Length == prefix.Length)
                return text == prefix ? m + 1 : throw new ArgumentException($"prefix is not a prefix of sample {index}'s script");
            if (text.Length > prefix.Length)
                break;
        }
        throw new ArgumentException($"prefix is not a token prefix of sample {index}'s script");
    }

    private string Draw(ulong h)
    {
        var total = Distribution.Sum(d => d.Weight);
        var u = (h >> 11) * (1.0 / (1UL << 53)) * total;
        foreach (var (answer, weight) in Distribution)
        {
            if (u < weight)
                return answer;
            u -= weight;
        }
        return Distribution[^1].Answer;
    }

    private static string ExtractAnswer(string text) => new TestExtractor().Extract(text) ?? "";

    private static List<string> Tokenize(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"\s*\S+|\s+").Select(m => m.Value)];

    private static ulong Fnv(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var c in text)
            h = (h ^ c) * 1099511628211UL;
        return h;
    }

    private static ulong Hash(params ulong[] parts)
    {
        ulong h = 0x9E3779B97F4A7C15UL;
        foreach (var p in parts)
        {
            h ^= p + 0x9E3779B97F4A7C15UL + (h << 6) + (h >> 2);
            h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
            h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
            h ^= h >> 31;
        }
        return h;
    }
}

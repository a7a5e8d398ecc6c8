using System.Collections.Concurrent;
using InferScale.Compute;
using InferScale.Generation;
using InferScale.Tasks.Arith;

using InferScale.Randomness;

namespace InferScale.Backends.Replay;

/// <summary>
/// Serves a recorded <see cref="ReplayPool"/> as a generator, so whole-sample strategies and curves over budgets run
/// without a model. Sample <c>i</c> of a request is entry <c>i</c> of a permutation seeded by (seed, problem id) —
/// drawing without replacement, nested by construction (the first n of budget 2n are budget n's). Usage comes from the
/// recorded token counts (prompt once per call) and FLOPs from <see cref="ReplayOptions.ModelShape"/> when given.
/// A request past the pool's size fails with a message naming the problem. Prefix continuation is served only for
/// samples with recorded token logprobs whose tokens start with the prefix; a max-tokens limit below a sample's length
/// truncates it (at a token boundary when tokens are recorded, else proportionally by characters) and drops its
/// recorded answer and scores. Thread-safe.
/// </summary>
public sealed class ReplayGenerator : IGenerator
{
    private readonly ReplayPool _pool;
    private readonly ReplayOptions _options;
    private readonly ConcurrentDictionary<(ulong Seed, string Id), int[]> _permutations = new();
    private readonly ConcurrentDictionary<RecordedSample, bool> _spelled = new(ReferenceEqualityComparer.Instance);

    /// <summary>Serves <paramref name="pool"/>.</summary>
    public ReplayGenerator(ReplayPool pool, ReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        _options = options ?? new ReplayOptions();
        _options.Validate();
        _pool = pool;
        Metadata = new GeneratorMetadata("replay", _options.ModelId)
        {
            Parameters = _options.ModelShape?.Parameters,
            Layers = _options.ModelShape?.Layers,
            ModelDim = _options.ModelShape?.ModelDim,
        };
    }

    /// <inheritdoc />
    public GeneratorMetadata Metadata { get; }

    /// <summary>The pool index served as sample <paramref name="index"/> for <paramref name="problemId"/> under <paramref name="seed"/>.</summary>
    public int PoolIndex(string problemId, int poolSize, ulong seed, int index) => Permutation(problemId, poolSize, seed)[index];

    /// <inheritdoc />
    public ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var found = _pool.Find(request.Prompt)
            ?? throw new ArgumentException($"The replay pool has no samples for this prompt (it holds {_pool.Count} problems): {Shorten(request.Prompt)}", nameof(request));
        var (id, recorded) = found;
        var last = request.FirstIndex + request.Count - 1;
        if (last >= recorded.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(request),
                $"Problem '{id}' has {recorded.Count} recorded samples; sample index {last} was requested (replay draws without replacement and cannot serve more than the pool holds).");
        }
        var permutation = Permutation(id, recorded.Count, request.Sampling.Seed);
        var samples = new List<Sample>(request.Count);
        long completion = 0;
        var promptTokens = 0;
        var wantLogprobs = request.Sampling.Logprobs || request.Sampling.TopLogprobs > 0;
        for (var i = request.FirstIndex; i <= last; i++)
        {
            var sample = Serve(id, recorded[permutation[i]], i, request.Prefix, request.Sampling.MaxTokens, wantLogprobs, request.Sampling.TopLogprobs);
            promptTokens = Math.Max(promptTokens, sample.PromptTokens);
            completion += sample.CompletionTokens;
            samples.Add(sample);
        }
        double flops = 0;
        if (_options.ModelShape is { } shape)
        {
            flops = KaplanFlops.Span(shape, 0, promptTokens);
            foreach (var s in samples)
                flops += KaplanFlops.Span(shape, promptTokens, s.CompletionTokens);
        }
        var usage = new Usage { Calls = 1, PromptTokens = promptTokens, CompletionTokens = completion, Flops = flops };
        return ValueTask.FromResult(new GenerationResult(samples, usage));
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private Sample Serve(string id, RecordedSample r, int index, string prefix, int maxTokens, bool wantLogprobs, int topLogprobs)
    {
        var tokens = r.Logprobs is { Count: > 0 } lp && _spelled.GetOrAdd(r, x => string.Concat(x.Logprobs!.Select(t => t.Token)) == x.Text) ? lp : null;
        var total = r.CompletionTokens > 0 ? r.CompletionTokens : tokens?.Count ?? 0;
        var start = 0;
        if (prefix.Length > 0)
        {
            if (tokens is null)
                throw new NotSupportedException($"Replay of problem '{id}' serves whole samples; continuing a prefix needs recorded token logprobs that spell the sample's text.");
            var text = "";
            while (start < tokens.Count && text.Length < prefix.Length)
                text += tokens[start++].Token;
            if (text != prefix)
                throw new ArgumentException($"Problem '{id}', sample {index}: the prefix is not a token prefix of the recorded sample, so replay cannot continue it.", nameof(prefix));
        }
        var promptTokens = r.PromptTokens + start;
        if (tokens is not null)
        {
            var available = tokens.Count - start;
            var take = Math.Min(available, maxTokens);
            var whole = start == 0 && take == available;
            var part = whole ? tokens : tokens.Skip(start).Take(take).ToList();
            return new Sample(whole ? r.Text : string.Concat(part.Select(t => t.Token)))
            {
                Index = index,
                PromptTokens = promptTokens,
                CompletionTokens = take,
                FinishReason = take < available ? FinishReason.Length : r.FinishReason,
                Answer = whole ? r.Answer : null,
                IsCorrect = whole ? r.IsCorrect : null,
                Score = whole ? r.Score : null,
                StepScores = whole ? r.StepScores : null,
                Logprobs = !wantLogprobs ? null
                    : part.Any(t => topLogprobs > 0 && t.Top.Count > topLogprobs) ? [.. part.Select(t => Trim(t, topLogprobs))]
                    : part,
            };
        }
        if (total > maxTokens)
        {
            var chars = (int)((long)r.Text.Length * maxTokens / total);
            return new Sample(r.Text[..chars])
            {
                Index = index, PromptTokens = promptTokens, CompletionTokens = maxTokens, FinishReason = FinishReason.Length,
            };
        }
        return new Sample(r.Text)
        {
            Index = index,
            PromptTokens = promptTokens,
            CompletionTokens = total,
            FinishReason = r.FinishReason,
            Answer = r.Answer,
            IsCorrect = r.IsCorrect,
            Score = r.Score,
            StepScores = r.StepScores,
        };
    }

    private static TokenLogprob Trim(TokenLogprob t, int topLogprobs) =>
        topLogprobs > 0 && t.Top.Count > topLogprobs ? t with { Top = [.. t.Top.Take(topLogprobs)] } : t;

    private int[] Permutation(string id, int size, ulong seed) =>
        _permutations.GetOrAdd((seed, id), key =>
        {
            var p = Enumerable.Range(0, size).ToArray();
            if (!_options.Shuffle)
                return p;
            // Fisher–Yates driven by SplitMix64 seeded from (seed, problem id): stable across runtimes.
            var rng = new SplitMix64(SplitMix64.Combine(key.Seed, StableHash.Of(key.Id)));
            for (var i = size - 1; i > 0; i--)
            {
                var j = (int)(rng.Next() % (ulong)(i + 1));
                (p[i], p[j]) = (p[j], p[i]);
            }
            return p;
        });


    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";
}

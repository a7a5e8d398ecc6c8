using InferScale.Engine.Kernels;
using InferScale.Engine.Sampling;
using InferScale.Generation;

namespace InferScale.Engine;

/// <summary>
/// <see cref="IGenerator"/> over the embedded engine. A request's prompt (with BOS) and prefix (without) are tokenized
/// separately and concatenated; the result is prefilled once (or taken from the prefix cache), every sample forks it,
/// and up to <see cref="EngineOptions.MaxBatchSize"/> samples decode together; finished samples leave the batch and
/// waiting ones take their place. Sample <c>i</c> draws from <see cref="SampleRandom"/>(seed, i), and the numerics are
/// batch-invariant, so a sample depends only on (model, prompt, prefix, options, seed, i).
/// <para>Accounting per call (<see cref="Usage"/>): <c>PromptTokens</c> = prompt tokens actually prefilled;
/// <c>CachedPromptTokens</c> = <c>Count · promptLength − PromptTokens</c> (each sample's prompt is either computed or
/// served from cache); <c>CompletionTokens</c> = tokens generated, including a final EOS or the token that completed a
/// stop string; <c>Flops</c> = FLOPs executed by this call (<see cref="EngineFlops"/>).</para>
/// <para>Logprobs are those of the full softmax of the raw logits (temperature 1, before any truncation).</para>
/// Concurrent calls run one after the other.
/// </summary>
public sealed class EngineGenerator : IGenerator
{
    private readonly ITokenizer _tokenizer;
    private readonly TimeProvider _time;
    private readonly PrefixCache _prefixCache;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly float[] _logits;
    private readonly float[] _scratch;
    private bool _disposed;

    /// <summary>Creates a generator over a model.</summary>
    /// <param name="config">The model's shape.</param>
    /// <param name="weights">Its weights.</param>
    /// <param name="tokenizer">Its tokenizer (vocabulary no larger than the model's).</param>
    /// <param name="options">Engine options (threads, batch size, cache); defaults when omitted.</param>
    /// <param name="timeProvider">Clock for <see cref="Usage.WallTime"/>; the system clock when omitted.</param>
    public EngineGenerator(TransformerConfig config, TransformerWeights weights, ITokenizer tokenizer, EngineOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        Session = new EngineSession(config, weights, options);
        if (tokenizer.VocabSize > config.VocabSize)
        {
            Session.Dispose();
            throw new ArgumentException($"The tokenizer has {tokenizer.VocabSize} tokens; the model only {config.VocabSize}.", nameof(tokenizer));
        }
        _tokenizer = tokenizer;
        _time = timeProvider ?? TimeProvider.System;
        _prefixCache = new PrefixCache(Session, Session.Options.PrefixCacheEntries);
        _logits = new float[Session.Options.MaxBatchSize * config.VocabSize];
        _scratch = new float[config.VocabSize];
        Metadata = new GeneratorMetadata("engine", Session.Options.ModelName)
        {
            Parameters = config.ParameterCount,
            Layers = config.Layers,
            ModelDim = config.Dim,
            ContextLength = config.ContextLength,
        };
    }

    /// <inheritdoc />
    public GeneratorMetadata Metadata { get; }

    /// <summary>The low-level session (KV cache, forks, forward passes) for strategies that drive the engine directly.</summary>
    public EngineSession Session { get; }

    /// <inheritdoc />
    public async ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Generate(request, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private GenerationResult Generate(GenerationRequest request, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        var config = Session.Config;
        int[] prompt = [.. _tokenizer.Encode(request.Prompt, addBos: true), .. _tokenizer.Encode(request.Prefix, addBos: false)];
        if (prompt.Length == 0)
            throw new ArgumentException("The prompt and prefix encode to no tokens and the tokenizer has no BOS token.", nameof(request));
        if (prompt.Length >= config.ContextLength)
            throw new ArgumentException($"The prompt and prefix are {prompt.Length} tokens; the model's context is {config.ContextLength}.", nameof(request));
        var options = request.Sampling;
        var sampler = SamplerChain.FromOptions(options, config.VocabSize);
        var stops = new StopMatcher(options.Stop);
        var flopsBefore = Session.ExecutedFlops;
        var (root, rootLogits, computed) = _prefixCache.Acquire(prompt);
        var states = new SampleState[request.Count];
        var active = new List<SampleState>(Math.Min(request.Count, Session.Options.MaxBatchSize));
        var batchSeqs = new SequenceHandle[Session.Options.MaxBatchSize];
        var batchTokens = new int[Session.Options.MaxBatchSize];
        var next = 0;
        try
        {
            while (true)
            {
                while (active.Count < Session.Options.MaxBatchSize && next < request.Count)
                {
                    var index = request.FirstIndex + next;
                    var state = new SampleState(index, new SampleRandom(options.Seed, index), root.Fork());
                    states[next++] = state;
                    active.Add(state);
                }
                for (var k = 0; k < active.Count; k++)
                {
                    var s = active[k];
                    var row = s.Row < 0 ? rootLogits.AsSpan() : _logits.AsSpan(s.Row * config.VocabSize, config.VocabSize);
                    var token = sampler.Sample(row, ref s.Random);
                    if (options.Logprobs || options.TopLogprobs > 0)
                        s.Logprobs.Add(Logprob(row, token, options.TopLogprobs));
                    s.Ids.Add(token);
                    Check(s, token, options, stops);
                }
                active.RemoveAll(s => s.Finish is not null);
                if (active.Count == 0 && next == request.Count)
                    break;
                cancellationToken.ThrowIfCancellationRequested();
                if (active.Count == 0)
                    continue;
                for (var k = 0; k < active.Count; k++)
                {
                    batchSeqs[k] = active[k].Sequence!;
                    batchTokens[k] = active[k].Ids[^1];
                    active[k].Row = k;
                }
                Session.DecodeStep(batchSeqs.AsSpan(0, active.Count), batchTokens.AsSpan(0, active.Count), _logits);
            }
        }
        finally
        {
            foreach (var s in states)
                s?.Sequence?.Release();
            root.Release();
            Session.Idle();
        }
        var samples = new Sample[request.Count];
        long completion = 0;
        for (var j = 0; j < states.Length; j++)
        {
            var s = states[j];
            completion += s.Ids.Count;
            samples[j] = new Sample(s.Text!)
            {
                Index = s.Index,
                PromptTokens = prompt.Length,
                CompletionTokens = s.Ids.Count,
                FinishReason = s.Finish!.Value,
                Logprobs = options.Logprobs || options.TopLogprobs > 0 ? s.Logprobs : null,
            };
        }
        var usage = new Usage
        {
            Calls = 1,
            PromptTokens = computed,
            CachedPromptTokens = (long)request.Count * prompt.Length - computed,
            CompletionTokens = completion,
            Flops = Session.ExecutedFlops - flopsBefore,
            WallTime = _time.GetElapsedTime(start),
        };
        return new GenerationResult(samples, usage);
    }

    private void Check(SampleState s, int token, SamplingOptions options, StopMatcher stops)
    {
        if (token == _tokenizer.EosId)
        {
            Finish(s, FinishReason.Stop, _tokenizer.Decode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(s.Ids)[..^1]));
            return;
        }
        if (!stops.IsEmpty)
        {
            var text = _tokenizer.Decode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(s.Ids));
            var at = stops.Find(text, s.TextLength);
            s.TextLength = text.Length;
            if (at >= 0)
            {
                Finish(s, FinishReason.Stop, text[..at]);
                return;
            }
        }
        if (s.Ids.Count >= options.MaxTokens || s.Sequence!.Length + 1 >= Session.Config.ContextLength)
            Finish(s, FinishReason.Length, _tokenizer.Decode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(s.Ids)));
    }

    private static void Finish(SampleState s, FinishReason reason, string text)
    {
        s.Finish = reason;
        s.Text = text;
        s.Sequence!.Release();
        s.Sequence = null;
    }

    private TokenLogprob Logprob(ReadOnlySpan<float> logits, int token, int top)
    {
        var lse = Softmax.LogSumExp(logits, _scratch);
        var alternatives = Array.Empty<TopLogprob>();
        if (top > 0)
        {
            Span<int> ids = stackalloc int[top];
            var n = Selection.TopK(logits, ids);
            alternatives = new TopLogprob[n];
            for (var i = 0; i < n; i++)
                alternatives[i] = new TopLogprob(_tokenizer.Decode([ids[i]]), logits[ids[i]] - lse);
        }
        return new TokenLogprob(_tokenizer.Decode([token]), logits[token] - lse, alternatives);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
            return null;
        if (serviceType.IsInstanceOfType(this))
            return this;
        return serviceType.IsInstanceOfType(Session) ? Session : null;
    }

    /// <summary>Releases the prefix cache and stops the kernel threads.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _gate.Wait();
        try
        {
            _disposed = true;
            _prefixCache.Clear();
            Session.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed class SampleState(int index, SampleRandom random, SequenceHandle sequence)
    {
        public SampleRandom Random = random;

        public int Index { get; } = index;

        public SequenceHandle? Sequence { get; set; } = sequence;

        public List<int> Ids { get; } = [];

        public List<TokenLogprob> Logprobs { get; } = [];

        public int Row { get; set; } = -1;

        public int TextLength { get; set; }

        public FinishReason? Finish { get; set; }

        public string? Text { get; set; }
    }
}

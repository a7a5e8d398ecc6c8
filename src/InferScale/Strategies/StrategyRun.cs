using InferScale.Compute;
using InferScale.Generation;
using InferScale.Verification.Reward;

namespace InferScale.Strategies;

/// <summary>
/// The state of one strategy run. Strategies reach the models only through it, so that every call is reserved against
/// the budget before it is made (and trimmed to what remains), accounted (run total and optional ledger), traced, and
/// isolated: a call that throws is retried one sample at a time so only the failing indices are lost, and those are
/// recorded as failures while the run goes on. Cancellation is never swallowed. Thread-safe.
/// </summary>
public sealed class StrategyRun
{
    private readonly Lock _gate = new();
    private readonly List<TraceEvent> _trace = [];
    private readonly List<CandidateFailure> _failures = [];
    private readonly Dictionary<int, Usage> _scoringUsage = [];
    private readonly long _started;
    private Usage _usage = Usage.Zero;

    /// <summary>Starts a run of <paramref name="strategy"/>; validates the context and resolves the sampling options.</summary>
    public StrategyRun(string strategy, StrategyContext context, ScalingStrategyOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(strategy);
        ArgumentNullException.ThrowIfNull(context);
        context.Validate();
        options?.ValidateBudget(context.Budget);
        Strategy = strategy;
        Context = context;
        Budget = new BudgetTracker(context.Budget, context.ResolveModelShape());
        var sampling = context.Sampling with { Seed = context.Seed };
        if (options?.Temperature is double t)
            sampling = sampling with { Temperature = t };
        if (options?.MaxTokens is int m)
            sampling = sampling with { MaxTokens = m };
        Sampling = sampling;
        _started = context.TimeProvider.GetTimestamp();
    }

    /// <summary>The strategy's name.</summary>
    public string Strategy { get; }

    /// <summary>The run's inputs.</summary>
    public StrategyContext Context { get; }

    /// <summary>The budget tracker every call goes through.</summary>
    public BudgetTracker Budget { get; }

    /// <summary>The run's base sampling options: the context's, with its seed and the options' temperature and max tokens.</summary>
    public SamplingOptions Sampling { get; }

    /// <summary>Total compute so far: every policy and reward-model call.</summary>
    public Usage Usage { get { lock (_gate) return _usage; } }

    /// <summary>Failures so far.</summary>
    public IReadOnlyList<CandidateFailure> Failures { get { lock (_gate) return [.. _failures]; } }

    /// <summary>
    /// Generates samples <c>firstIndex … firstIndex + count − 1</c> of the problem's prompt (after <paramref name="prefix"/>),
    /// trimmed to the budget: the result may hold fewer samples (a prefix of the requested indices) or shorter ones, and
    /// is empty when the budget is spent. Answers are extracted; failed samples come back with
    /// <see cref="FinishReason.Error"/> and are recorded.
    /// </summary>
    public ValueTask<IReadOnlyList<Sample>> SampleAsync(
        int firstIndex, int count, SamplingOptions? sampling = null, string prefix = "", int minTokens = 1, bool continuation = false, CancellationToken cancellationToken = default) =>
        GenerateAsync(new GenerationRequest(Context.Problem.Prompt)
        {
            Prefix = prefix,
            FirstIndex = firstIndex,
            Count = count,
            Sampling = (sampling ?? Sampling) with { Seed = Context.Seed },
        }, minTokens, continuation, cancellationToken);

    /// <summary>
    /// Generates <paramref name="request"/> trimmed to the budget (see <see cref="SampleAsync"/>). The request's
    /// <see cref="GenerationRequest.Count"/> and <see cref="SamplingOptions.MaxTokens"/> are upper limits;
    /// <paramref name="minTokens"/> is the shortest sample worth making when the tokens must be trimmed;
    /// <paramref name="continuation"/> marks a call that continues samples already charged (see <see cref="BudgetTracker.TryReserve"/>).
    /// </summary>
    public async ValueTask<IReadOnlyList<Sample>> GenerateAsync(GenerationRequest request, int minTokens = 1, bool continuation = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var promptBound = Budget.PromptTokenBound(request.Prompt, request.Prefix);
        var reservation = Budget.TryReserve(request.Count, request.Sampling.MaxTokens, promptBound, minTokens, continuation);
        if (reservation is null)
        {
            Note(TraceEventKind.Budget, $"budget spent ({Budget.Spent:G6} of {Context.Budget}): samples {request.FirstIndex}..{request.FirstIndex + request.Count - 1} not drawn", request.FirstIndex, request.Count);
            return [];
        }
        if (reservation.Count < request.Count || reservation.MaxTokens < request.Sampling.MaxTokens)
        {
            Note(TraceEventKind.Budget, $"budget trims the call to {reservation.Count} of {request.Count} samples, {reservation.MaxTokens} of {request.Sampling.MaxTokens} tokens", request.FirstIndex, reservation.Count);
        }
        var call = request with { Count = reservation.Count, Sampling = request.Sampling with { MaxTokens = reservation.MaxTokens } };
        GenerationResult result;
        try
        {
            result = await Context.Generator.GenerateAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (call.Count == 1)
            {
                Budget.Settle(reservation, Usage.Zero);
                var message = $"{ex.GetType().Name}: {ex.Message}";
                RecordFailure(call.FirstIndex, FailureStage.Generation, message);
                return [new Sample("") { Index = call.FirstIndex, FinishReason = FinishReason.Error, Error = message }];
            }
            // Isolate the failing samples: settle the failed call at no cost and draw each index alone.
            Budget.Settle(reservation, Usage.Zero, samplesCharged: 0);
            Note(TraceEventKind.Failure, $"call for samples {call.FirstIndex}..{call.FirstIndex + call.Count - 1} failed ({ex.GetType().Name}: {ex.Message}); retrying each sample alone", call.FirstIndex, call.Count);
            var singles = new List<Sample>(call.Count);
            for (var i = 0; i < call.Count; i++)
            {
                var one = await GenerateAsync(call with { FirstIndex = call.FirstIndex + i, Count = 1 }, minTokens, continuation, cancellationToken).ConfigureAwait(false);
                if (one.Count == 0)
                    break;
                singles.AddRange(one);
            }
            return singles;
        }
        Budget.Settle(reservation, result.Usage);
        if (result.Samples.Count > 0 && result.Samples[0].PromptTokens > 0)
            Budget.ObservePromptTokens(request.Prompt, request.Prefix, result.Samples[0].PromptTokens);
        Account(LedgerEntryKind.Generation, result.Usage);
        Note(TraceEventKind.Generate, $"generated samples {call.FirstIndex}..{call.FirstIndex + call.Count - 1}" + (call.Prefix.Length > 0 ? $" after a {call.Prefix.Length}-char prefix" : ""), call.FirstIndex, call.Count, result.Usage);
        var samples = new List<Sample>(result.Samples.Count);
        foreach (var s in result.Samples)
        {
            if (s.FinishReason == FinishReason.Error)
            {
                RecordFailure(s.Index, FailureStage.Generation, s.Error ?? "the backend reported an error for this sample");
                samples.Add(s with { Answer = null });
            }
            else
            {
                samples.Add(s.Answer is null ? s with { Answer = Context.Extractor.Extract(s.Text) } : s);
            }
        }
        return samples;
    }

    /// <summary>
    /// Scores <paramref name="solution"/> (sample <paramref name="index"/>) with the context's reward model. Returns
    /// <see langword="null"/> and records a failure when the model throws or returns a NaN final score.
    /// </summary>
    public async ValueTask<RewardScore?> ScoreAsync(int index, string solution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var model = Context.RewardModel ?? throw new InvalidOperationException($"Strategy '{Strategy}' needs a reward model: set StrategyContext.RewardModel.");
        RewardScore score;
        try
        {
            score = await model.ScoreAsync(Context.Problem.Prompt, solution, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            RecordFailure(index, FailureStage.Scoring, $"{ex.GetType().Name}: {ex.Message}");
            return null;
        }
        Account(LedgerEntryKind.RewardModel, score.Usage);
        lock (_gate)
            _scoringUsage[index] = (_scoringUsage.TryGetValue(index, out var u) ? u : Usage.Zero) + score.Usage;
        Note(TraceEventKind.Score, $"scored sample {index}: {score.Final:G4}", index, 1, score.Usage);
        if (double.IsNaN(score.Final))
        {
            RecordFailure(index, FailureStage.Scoring, "the reward model returned a NaN score");
            return null;
        }
        return score;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> when the context has no reward model.</summary>
    public void RequireRewardModel()
    {
        if (Context.RewardModel is null)
            throw new InvalidOperationException($"Strategy '{Strategy}' needs a reward model: set StrategyContext.RewardModel.");
    }

    /// <summary>Adds an event to the trace.</summary>
    public void Note(TraceEventKind kind, string message, int? index = null, int count = 0, Usage? usage = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var elapsed = Context.TimeProvider.GetElapsedTime(_started);
        lock (_gate)
            _trace.Add(new TraceEvent(_trace.Count, elapsed, kind, message) { Index = index, Count = count, Usage = usage });
    }

    /// <summary>Records a failed candidate (and a trace event); the run goes on.</summary>
    public void RecordFailure(int index, FailureStage stage, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
            _failures.Add(new CandidateFailure(index, stage, message));
        Note(TraceEventKind.Failure, $"{stage} of sample {index} failed: {message}", index, 1);
    }

    /// <summary>Whether <paramref name="answer"/> matches the problem's gold answer; <see langword="null"/> when the gold is unknown.</summary>
    public bool? Grade(string? answer)
    {
        if (Context.Problem.Gold is not { } gold)
            return null;
        return answer is not null && Context.Equivalence.AreEquivalent(gold, answer);
    }

    /// <summary>A candidate for <paramref name="sample"/>, graded, with its attributed usage and failure message.</summary>
    public StrategyCandidate Candidate(Sample sample, double? score = null, bool kept = true)
    {
        ArgumentNullException.ThrowIfNull(sample);
        Usage scoring;
        string? scoringError;
        lock (_gate)
        {
            scoring = _scoringUsage.TryGetValue(sample.Index, out var u) ? u : Usage.Zero;
            scoringError = _failures.LastOrDefault(f => f.Index == sample.Index && f.Stage == FailureStage.Scoring)?.Message;
        }
        var error = sample.FinishReason == FinishReason.Error ? sample.Error ?? "generation failed" : scoringError;
        return new StrategyCandidate(sample)
        {
            Score = score,
            IsCorrect = sample.FinishReason == FinishReason.Error ? (Context.Problem.Gold is null ? null : false) : Grade(sample.Answer),
            Kept = kept && sample.FinishReason != FinishReason.Error,
            Error = error,
            Usage = new Usage { PromptTokens = sample.PromptTokens, CompletionTokens = sample.CompletionTokens } + scoring,
        };
    }

    /// <summary>
    /// Ends the run: marks <paramref name="chosen"/> selected, grades the answer (unless <paramref name="isCorrect"/> is
    /// given) and returns the result with the trace, failures, usage and budget state.
    /// </summary>
    public StrategyResult Complete(IEnumerable<StrategyCandidate> candidates, string? answer, StrategyCandidate? chosen, bool? isCorrect = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var list = candidates
            .Select(c => chosen is not null && c.Index == chosen.Index ? c with { Selected = true } : c)
            .OrderBy(c => c.Index)
            .ToList();
        var graded = isCorrect ?? Grade(answer);
        Note(TraceEventKind.Result, answer is null ? "no answer" : $"answer {answer}" + (chosen is null ? "" : $" (sample {chosen.Index})"), chosen?.Index, chosen is null ? 0 : 1);
        lock (_gate)
        {
            return new StrategyResult(Strategy, Context.Budget)
            {
                Answer = answer,
                Text = chosen?.Sample.Text,
                SelectedIndex = chosen?.Index,
                IsCorrect = graded,
                Candidates = list,
                Trace = [.. _trace],
                Failures = [.. _failures],
                Usage = _usage,
                BudgetSpent = Budget.Spent,
                BudgetExhausted = Budget.IsExhausted,
                BudgetOverrun = Budget.Overrun,
            };
        }
    }

    private void Account(LedgerEntryKind kind, Usage usage)
    {
        lock (_gate)
            _usage += usage;
        Context.Ledger?.Record(kind, Strategy, usage);
    }
}

using InferScale.Gateway.Http;
using InferScale.Gateway.Wire;
using InferScale.Generation;
using InferScale.Strategies;

namespace InferScale.Gateway.Runs;

/// <summary>
/// Runs a <see cref="RunPlan"/>: plain sampling (a bare model name: <c>n</c> samples, indices 0…n−1, with the request's
/// seed) or the strategy (one answer), reporting each finished model call. Failures that leave no answer become
/// <see cref="ApiError"/>s (502 when the model failed, 400 when the strategy cannot run on this model).
/// </summary>
internal static class RunExecutor
{
    public static async Task<RunOutcome> RunAsync(RunPlan plan, string runId, Action<RunProgress> report, TimeProvider time, CancellationToken cancellationToken)
    {
        var generator = new ProgressGenerator(plan.Generator, report);
        return plan.Strategy is null
            ? await SampleAsync(plan, generator, cancellationToken).ConfigureAwait(false)
            : await StrategyAsync(plan, plan.Strategy, generator, runId, time, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<RunOutcome> SampleAsync(RunPlan plan, IGenerator generator, CancellationToken cancellationToken)
    {
        var result = await generator.GenerateAsync(new GenerationRequest(plan.Prompt) { Count = plan.Choices, Sampling = plan.Sampling }, cancellationToken)
            .ConfigureAwait(false);
        if (result.Samples.FirstOrDefault(s => s.FinishReason == FinishReason.Error) is { } failed)
            throw ApiError.BadGateway($"The model '{plan.Model.Name}' failed: {failed.Error}");
        var samples = result.Samples.Select(s => s with { Answer = plan.Model.Extractor.Extract(s.Text) }).ToList();
        var choices = samples.Select((s, j) => new RunChoice(j, s.Text, Finish(s.FinishReason), plan.Logprobs ? Trim(s.Text, s.Logprobs) : null)).ToList();
        var summary = new TraceSummaryBody
        {
            Strategy = plan.StrategyName,
            Model = plan.Model.Name,
            Budget = plan.Budget.ToString(),
            BudgetKind = "samples",
            BudgetAmount = plan.Budget.Amount,
            BudgetSpent = samples.Count,
            Seed = plan.Sampling.Seed,
            Answer = samples.Count > 0 ? samples[0].Answer : null,
            SelectedIndex = samples.Count > 0 ? samples[0].Index : null,
            Candidates = samples.Select((s, j) => new CandidateBody
            {
                Index = s.Index,
                Answer = s.Answer,
                Kept = true,
                Selected = j == 0,
                FinishReason = CandidateFinish(s.FinishReason),
                CompletionTokens = s.CompletionTokens,
            }).ToList(),
            Failures = [],
            Usage = Detail(result.Usage),
        };
        return new RunOutcome(choices, result.Usage, summary);
    }

    private static async Task<RunOutcome> StrategyAsync(
        RunPlan plan, IScalingStrategy strategy, IGenerator generator, string runId, TimeProvider time, CancellationToken cancellationToken)
    {
        var model = plan.Model;
        var context = new StrategyContext(new Problem(runId, plan.Prompt), generator, model.Extractor, model.Equivalence, plan.Budget)
        {
            RewardModel = model.RewardModel,
            Seed = plan.Sampling.Seed,
            Sampling = plan.Sampling,
            StepDelimiter = model.StepDelimiter,
            TimeProvider = time,
        };
        StrategyResult result;
        try
        {
            result = await strategy.RunAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("needs a reward model", StringComparison.Ordinal))
        {
            throw ApiError.BadRequest(
                $"Strategy '{plan.StrategyName}' needs a reward model, and model '{model.Name}' has none (start the gateway with --reward-url URL).", "model", "reward_model_required");
        }
        catch (NotSupportedException e)
        {
            throw ApiError.BadRequest($"Strategy '{plan.StrategyName}': {e.Message}", "model", "unsupported_strategy");
        }
        var selected = result.SelectedIndex is int i ? result.Candidates.FirstOrDefault(c => c.Index == i) : null;
        if (result.Text is null && result.Candidates.All(c => c.Sample.FinishReason == FinishReason.Error) && result.Failures.Count > 0)
            throw ApiError.BadGateway($"Every candidate of strategy '{plan.StrategyName}' failed on model '{model.Name}'; first failure: {result.Failures[0].Message}");
        var choice = new RunChoice(0, result.Text ?? "", selected is null ? "stop" : Finish(selected.Sample.FinishReason), plan.Logprobs && selected is not null ? Trim(selected.Sample.Text, selected.Sample.Logprobs) : null);
        var summary = new TraceSummaryBody
        {
            Strategy = plan.StrategyName,
            Model = model.Name,
            Budget = plan.Budget.ToString(),
            BudgetKind = plan.Budget.Kind.ToString().ToLowerInvariant(),
            BudgetAmount = plan.Budget.Amount,
            BudgetSpent = result.BudgetSpent,
            BudgetExhausted = result.BudgetExhausted,
            BudgetOverrun = result.BudgetOverrun,
            Seed = plan.Sampling.Seed,
            Options = plan.Options.Count > 0 ? new Dictionary<string, string>(plan.Options) : null,
            Answer = result.Answer,
            Correct = null,
            SelectedIndex = result.SelectedIndex,
            Candidates = result.Candidates.Select(c => new CandidateBody
            {
                Index = c.Index,
                Answer = c.Answer,
                Score = c.Score is double s && double.IsFinite(s) ? s : null,
                Kept = c.Kept,
                Selected = c.Selected,
                FinishReason = CandidateFinish(c.Sample.FinishReason),
                CompletionTokens = c.Sample.CompletionTokens,
                Error = c.Error ?? c.Sample.Error,
            }).ToList(),
            Failures = result.Failures.Select(f => new FailureBody { Index = f.Index, Stage = f.Stage.ToString().ToLowerInvariant(), Message = f.Message }).ToList(),
            TraceEvents = result.Trace.Count,
            Metrics = result.Metrics.Count > 0 ? result.Metrics.Where(m => double.IsFinite(m.Value)).ToDictionary() : null,
            Usage = Detail(result.Usage),
        };
        return new RunOutcome([choice], result.Usage, summary);
    }

    /// <summary>OpenAI's usage from a run's usage: prompt tokens include cached and verifier tokens.</summary>
    public static UsageBody ToOpenAi(Usage usage)
    {
        var prompt = usage.PromptTokens + usage.CachedPromptTokens + usage.VerifierTokens;
        return new UsageBody
        {
            PromptTokens = prompt,
            CompletionTokens = usage.CompletionTokens,
            TotalTokens = prompt + usage.CompletionTokens,
            PromptTokensDetails = new PromptTokensDetailsBody { CachedTokens = usage.CachedPromptTokens },
        };
    }

    private static UsageDetailBody Detail(Usage usage) => new()
    {
        Calls = usage.Calls,
        PromptTokens = usage.PromptTokens,
        CachedPromptTokens = usage.CachedPromptTokens,
        CompletionTokens = usage.CompletionTokens,
        VerifierTokens = usage.VerifierTokens,
        Flops = usage.Flops,
        WallMs = usage.WallTime.TotalMilliseconds,
    };

    /// <summary>The logprobs of the tokens that make up <paramref name="text"/> (a stop string's tokens are not part of the answer).</summary>
    private static IReadOnlyList<TokenLogprob>? Trim(string text, IReadOnlyList<TokenLogprob>? logprobs)
    {
        if (logprobs is null)
            return null;
        var length = 0;
        var count = 0;
        while (count < logprobs.Count && length + logprobs[count].Token.Length <= text.Length)
            length += logprobs[count++].Token.Length;
        return count == logprobs.Count ? logprobs : logprobs.Take(count).ToList();
    }

    private static string Finish(FinishReason reason) => reason == FinishReason.Length ? "length" : "stop";

    private static string CandidateFinish(FinishReason reason) => reason switch
    {
        FinishReason.Length => "length",
        FinishReason.Cancelled => "cancelled",
        FinishReason.Error => "error",
        _ => "stop",
    };
}

using System.Globalization;
using System.Text.Json;
using InferScale.Experiments.Results;
using InferScale.Generation;
using InferScale.Strategies;
using InferScale.Verification;
using InferScale.Verification.Reward;

namespace InferScale.Experiments.Running;

/// <summary>Runs one case's strategy on one problem and turns the result into what the store keeps.</summary>
internal static class CaseStrategy
{
    /// <summary>The record kind of a stored problem.</summary>
    public const string ProblemKind = "problem";

    /// <summary>A case's parameters as the option strings the catalog binds.</summary>
    public static IReadOnlyDictionary<string, string> OptionStrings(IReadOnlyDictionary<string, JsonElement> parameters) =>
        parameters.ToDictionary(p => p.Key, p => p.Value.ValueKind switch
        {
            JsonValueKind.String => p.Value.GetString()!,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => p.Value.GetRawText(),
        }, StringComparer.Ordinal);

    /// <summary>A case's budget.</summary>
    public static ComputeBudget Budget(ExperimentCase c) => new(c.BudgetKind switch
    {
        "samples" => BudgetKind.Samples,
        "tokens" => BudgetKind.Tokens,
        "flops" => BudgetKind.Flops,
        _ => throw new FormatException($"unknown budget kind '{c.BudgetKind}'"),
    }, c.Budget);

    /// <summary>Runs the case's strategy on <paramref name="problem"/>.</summary>
    public static async ValueTask<ProblemRecord> RunProblemAsync(StrategyCatalog catalog, ExperimentCase c, Problem problem, RunModel model, IRewardModel? rewardModel, TimeProvider time, CancellationToken cancellationToken)
    {
        var budget = Budget(c);
        var strategy = catalog.Create(c.Strategy, OptionStrings(c.Params), budget);
        var checker = MathAnswerChecker.Default;
        var context = new StrategyContext(problem, model.Generator, MarkedAnswerExtractor.Default, checker, budget)
        {
            RewardModel = rewardModel,
            Seed = c.Seed,
            Sampling = new SamplingOptions
            {
                Temperature = c.Sampling.Temperature,
                TopP = c.Sampling.TopP,
                TopK = c.Sampling.TopK,
                MinP = c.Sampling.MinP,
                MaxTokens = c.Sampling.MaxTokens,
                Logprobs = c.Sampling.TopLogprobs > 0,
                TopLogprobs = c.Sampling.TopLogprobs,
            },
            StepDelimiter = RunResources.StepDelimiter(c.Dataset),
            TimeProvider = time,
            ModelShape = model.Shape,
        };
        var result = await strategy.RunAsync(context, cancellationToken).ConfigureAwait(false);
        return ToRecord(problem, result, checker);
    }

    private static ProblemRecord ToRecord(Problem problem, StrategyResult result, IAnswerEquivalence equivalence)
    {
        var candidates = result.Candidates.Select(c => new CandidateRecord
        {
            Index = c.Index,
            Text = c.Sample.Text,
            Answer = c.Answer,
            Score = c.Score is double s && double.IsFinite(s) ? s : null,
            Correct = c.IsCorrect ?? Grade(problem, c.Answer, equivalence),
            Kept = c.Kept,
            Selected = c.Selected,
            CompletionTokens = c.Sample.CompletionTokens,
            FinishReason = c.Sample.FinishReason.ToString().ToLowerInvariant(),
            Error = c.Error ?? c.Sample.Error,
        }).ToList();
        var graded = candidates.Where(c => c.Correct is not null).ToList();
        var scored = candidates.Where(c => c.Score is not null).ToList();
        var usage = result.Usage;
        var outcome = new ProblemOutcome
        {
            ProblemId = problem.Id,
            Level = problem.Level,
            Answer = result.Answer,
            Correct = result.IsCorrect,
            Samples = result.Candidates.Count,
            PromptTokens = usage.PromptTokens,
            CachedPromptTokens = usage.CachedPromptTokens,
            CompletionTokens = usage.CompletionTokens,
            VerifierTokens = usage.VerifierTokens,
            Flops = usage.Flops,
            BudgetSpent = result.BudgetSpent,
            BudgetExhausted = result.BudgetExhausted,
            OraclePass = graded.Count > 0 ? (double)graded.Count(c => c.Correct == true) / graded.Count : null,
            MeanScore = scored.Count > 0 ? scored.Average(c => c.Score!.Value) : null,
            Failures = result.Failures.Count,
            Metrics = new SortedDictionary<string, double>(result.Metrics.Where(m => double.IsFinite(m.Value)).ToDictionary(m => m.Key, m => m.Value), StringComparer.Ordinal),
        };
        return new ProblemRecord { Outcome = outcome, Candidates = candidates };
    }

    private static bool? Grade(Problem problem, string? answer, IAnswerEquivalence equivalence) =>
        problem.Gold is not { } gold ? null : answer is not null && equivalence.AreEquivalent(gold, answer);
}

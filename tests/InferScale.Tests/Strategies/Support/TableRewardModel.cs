using InferScale.Compute;
using InferScale.Generation;
using InferScale.Verification.Reward;

namespace InferScale.Tests.Strategies.Support;

/// <summary>
/// Test reward model: scores a solution by its extracted answer from a table (step scores optional), reporting
/// verifier tokens; throws for answers in <see cref="ThrowOn"/>. Records its calls in <see cref="Ledger"/> when set.
/// </summary>
internal sealed class TableRewardModel : IRewardModel
{
    public IReadOnlyDictionary<string, double> Final { get; init; } = new Dictionary<string, double>();

    public IReadOnlyDictionary<string, double[]> Steps { get; init; } = new Dictionary<string, double[]>();

    public IReadOnlySet<string> ThrowOn { get; init; } = new HashSet<string>();

    public ComputeLedger? Ledger { get; init; }

    public int Calls { get; private set; }

    public ValueTask<RewardScore> ScoreAsync(string prompt, string solution, CancellationToken cancellationToken = default)
    {
        Calls++;
        var answer = new TestExtractor().Extract(solution) ?? "";
        if (ThrowOn.Contains(answer))
            throw new InvalidOperationException($"reward model failed on answer {answer}");
        var usage = new Usage { Calls = 1, VerifierTokens = ScriptedGenerator.CountTokens(prompt) + ScriptedGenerator.CountTokens(solution), Flops = 1000 };
        Ledger?.Record(LedgerEntryKind.RewardModel, "table", usage);
        var steps = Steps.TryGetValue(answer, out var s) ? s : [];
        return ValueTask.FromResult(new RewardScore(steps, Final.TryGetValue(answer, out var f) ? f : 0.5, usage));
    }
}

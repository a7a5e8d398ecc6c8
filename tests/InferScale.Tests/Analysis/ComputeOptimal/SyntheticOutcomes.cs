using System.Globalization;
using System.Text.Json;
using InferScale.Experiments.Results;

namespace InferScale.Tests.Analysis.ComputeOptimal;

/// <summary>Builds experiment results with a known answer: per problem, which configurations are right and what they cost.</summary>
internal sealed class SyntheticOutcomes
{
    private readonly List<CaseOutcome> _cases = [];

    public SyntheticOutcomes(int problems) =>
        ProblemIds = [.. Enumerable.Range(0, problems).Select(i => "p" + i.ToString("D3", CultureInfo.InvariantCulture))];

    public IReadOnlyList<string> ProblemIds { get; }

    public IReadOnlyList<CaseOutcome> Cases => _cases;

    /// <summary>Adds one case: <paramref name="correct"/>, <paramref name="tokens"/>, oracle pass and mean score per problem index.</summary>
    public SyntheticOutcomes Add(
        string strategy, int budget, Func<int, bool> correct, Func<int, long> tokens,
        Func<int, double?>? oraclePass = null, Func<int, double?>? meanScore = null, ulong seed = 1,
        string model = "small", IReadOnlyDictionary<string, string>? parameters = null)
    {
        var p = (parameters ?? new Dictionary<string, string>()).ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value));
        _cases.Add(new CaseOutcome
        {
            CaseId = $"{model}/{strategy}@{budget}/s{seed}",
            Dataset = "arith",
            Model = model,
            Strategy = strategy,
            Params = p,
            BudgetKind = "samples",
            Budget = budget,
            Seed = seed,
            Problems = [.. ProblemIds.Select((id, i) => new ProblemOutcome
            {
                ProblemId = id,
                Correct = correct(i),
                Samples = budget,
                PromptTokens = 0,
                CompletionTokens = tokens(i),
                Flops = tokens(i) * 1000.0,
                OraclePass = oraclePass?.Invoke(i),
                MeanScore = meanScore?.Invoke(i),
            })],
        });
        return this;
    }
}

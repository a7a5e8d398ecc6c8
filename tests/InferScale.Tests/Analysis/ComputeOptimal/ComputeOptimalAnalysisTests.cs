using InferScale.Analysis.ComputeOptimal;
using InferScale.Strategies;

namespace InferScale.Tests.Analysis.ComputeOptimal;

public sealed class ComputeOptimalAnalysisTests
{
    private const int Problems = 40;
    private const int Easy = 24; // problems 0..23: solved at every budget; 24..39: solved only at 64 samples

    /// <summary>
    /// weighted-majority at 1, 4, 16 and 64 samples costing 10 tokens per sample; easy problems are solved by every
    /// budget, hard ones only by 64. Oracle pass@1 (of the 64-sample runs) and the probe's score tell them apart; the
    /// smaller runs' own oracle pass rates say nothing (0.5 everywhere) and must be ignored.
    /// </summary>
    private static SyntheticOutcomes EasyAndHard()
    {
        var o = new SyntheticOutcomes(Problems);
        foreach (var budget in new[] { 1, 4, 16, 64 })
        {
            o.Add("weighted-majority", budget,
                correct: i => i < Easy || budget == 64,
                tokens: _ => 10L * budget,
                oraclePass: i => budget == 64 ? (i < Easy ? 0.9 : 0.05) : 0.5,
                meanScore: i => i < Easy ? 0.9 : 0.2);
        }
        return o;
    }

    [Fact]
    public void Analyze_EasyBinsSolvedCheaply_MatchesBon64WithFarFewerTokens()
    {
        var report = ComputeOptimalAnalysis.Analyze(EasyAndHard().Cases);

        Assert.Equal(1.0, report.Baseline.Accuracy);
        Assert.Equal(640, report.Baseline.MeanTokens);
        Assert.Equal(64, report.Baseline.Configuration.Budget);
        Assert.Equal(DifficultyEstimate.Predicted, report.HeadlineDifficulty);

        // Oracle bins: 3 easy bins at 1 sample, 2 hard bins at 64 → (24·10 + 16·640) / 40 tokens.
        var oracle = report.Oracle!;
        Assert.Equal((Easy * 10.0 + (Problems - Easy) * 640.0) / Problems, oracle.TokensToMatchBaseline);
        Assert.Equal([1.0, 1, 1, 64, 64], oracle.Policy.Select(c => c.Configuration.Budget));
        Assert.True(oracle.PolicyReachesBaseline);
        Assert.All(oracle.Policy, c => Assert.Equal(1.0, c.Accuracy));
        Assert.All(oracle.Policy, c => Assert.Equal(1.0, c.FoldAccuracy));

        // Predicted bins: the same choices plus the probe (4 samples, 40 tokens) on every problem.
        var predicted = report.Predicted!;
        Assert.Equal(40, predicted.ProbeMeanTokens);
        Assert.Equal(oracle.TokensToMatchBaseline + 40, predicted.TokensToMatchBaseline);
        Assert.Equal(predicted.TokensToMatchBaseline, report.TokensToMatchBaseline);
        Assert.True(report.TokensToMatchBaseline <= report.Baseline.MeanTokens / 2);
        Assert.Equal(4, predicted.ProbeSamples);
    }

    [Fact]
    public void Analyze_PerBudgetView_ChoosesAtMostBAndReachesBaselineOnlyAt64()
    {
        var report = ComputeOptimalAnalysis.Analyze(EasyAndHard().Cases);
        var curve = report.Oracle!.PerBudget;

        Assert.Equal([1.0, 4, 16, 64], curve.Select(p => p.Budget));
        Assert.Equal([0.6, 0.6, 0.6, 1.0], curve.Select(p => p.Accuracy));
        Assert.Equal(10, curve[0].MeanTokens);
        Assert.Equal((Easy * 10.0 + (Problems - Easy) * 640.0) / Problems, curve[3].MeanTokens);
        Assert.Equal("weighted-majority@1samples", curve[3].Choices[0]);
        Assert.Equal("weighted-majority@64samples", curve[3].Choices[4]);
        Assert.Equal([0.6, 0.6, 0.6, 1.0], report.BaselineCurve.Select(p => p.Accuracy));
        Assert.Equal(curve[3].MeanTokens + 40, report.Predicted!.PerBudget[3].MeanTokens);
    }

    [Fact]
    public void Analyze_ChoiceThatDoesNotGeneralise_TokensToMatchIsNull()
    {
        // Hard problems are solved by weighted-majority@64 only on fold 0 and by majority@64 only on fold 1: each
        // fold's choice is wrong on the other, so the cross-validated policy never reaches the baseline.
        var seed = 0UL;
        var o = new SyntheticOutcomes(Problems);
        var folds = CrossValidationFolds.Assign(o.ProblemIds, seed);
        bool Hard(int i) => i >= Easy;
        o.Add("weighted-majority", 64, i => !Hard(i) || folds[i] == 0, _ => 640, oraclePass: i => Hard(i) ? 0.1 : 0.9);
        o.Add("majority", 64, i => !Hard(i) || folds[i] == 1, _ => 640, oraclePass: i => Hard(i) ? 0.1 : 0.9);
        o.Add("weighted-majority", 1, i => !Hard(i), _ => 10, oraclePass: _ => 0.5);

        var report = ComputeOptimalAnalysis.Analyze(o.Cases, new ComputeOptimalAnalysisOptions { Seed = seed });

        Assert.Null(report.Predicted);
        Assert.Equal(DifficultyEstimate.Oracle, report.HeadlineDifficulty);
        Assert.Null(report.TokensToMatchBaseline);
        Assert.All(report.Oracle!.Allocation, p => Assert.True(p.Accuracy < report.Baseline.Accuracy));
        Assert.Contains(report.Notes, n => n.Contains("no predicted bins", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_PassAtKNeverChosen_ItGradesWithTheGold()
    {
        var o = EasyAndHard();
        o.Add("pass-at-k", 1, _ => true, _ => 10, oraclePass: _ => 0.5);

        var report = ComputeOptimalAnalysis.Analyze(o.Cases);

        Assert.DoesNotContain(report.Oracle!.Policy, c => c.Configuration.Strategy == "pass-at-k");
        Assert.Equal(4, report.Configurations);
    }

    [Fact]
    public void Analyze_SeedsAveragedAndMissingBaselineBudgetSubstituted()
    {
        var o = new SyntheticOutcomes(10);
        o.Add("weighted-majority", 16, i => i < 5, _ => 160, oraclePass: _ => 0.5, seed: 1);
        o.Add("weighted-majority", 16, i => i < 7, _ => 180, oraclePass: _ => 0.5, seed: 2);

        var report = ComputeOptimalAnalysis.Analyze(o.Cases, new ComputeOptimalAnalysisOptions { Bins = 2 });

        Assert.Equal(16, report.Baseline.Configuration.Budget);
        Assert.Equal(0.6, report.Baseline.Accuracy, 12);
        Assert.Equal(170, report.Baseline.MeanTokens);
        Assert.Contains(report.Notes, n => n.Contains("budget 16", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_NoBaselineCases_ThrowsNamingIt()
    {
        var o = new SyntheticOutcomes(4).Add("majority", 4, _ => true, _ => 40, oraclePass: _ => 1);

        var ex = Assert.Throws<ArgumentException>(() => ComputeOptimalAnalysis.Analyze(o.Cases));
        Assert.Contains("weighted-majority", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_SameReportSameBytesAndRoundTrips()
    {
        var a = ComputeOptimalAnalysis.Analyze(EasyAndHard().Cases).ToJson();
        var b = ComputeOptimalAnalysis.Analyze(EasyAndHard().Cases).ToJson();

        Assert.Equal(a, b);
        Assert.Equal(a, ComputeOptimalReport.FromJson(a).ToJson());
        Assert.Contains("\"tokens_to_match_baseline\"", a, StringComparison.Ordinal);
        Assert.Contains("\"fold_accuracy\"", a, StringComparison.Ordinal);
    }

    [Fact]
    public void SavePolicy_TableTheStrategyReads_RoutesEachProblemToItsBin()
    {
        var report = ComputeOptimalAnalysis.Analyze(EasyAndHard().Cases);
        var path = Path.Combine(Path.GetTempPath(), $"copt-policy-{Guid.NewGuid():N}.json");
        try
        {
            report.SavePolicy(path);
            var policy = ComputeOptimalPolicyFile.Load(path);

            Assert.Equal(DifficultyEstimate.Predicted, policy.Difficulty);
            Assert.Equal(4, policy.ProbeSamples);
            Assert.Equal(["weighted-majority"], policy.Bins.Select(b => b.Strategy).Distinct());
            Assert.Equal([1.0, 1, 1, 64, 64], policy.Bins.Select(b => b.Budget));
            // Ties go to the easier bin: every 0.9 lands in bin 0, every 0.2 in bin 3 (the first hard bin).
            Assert.Equal(0, policy.BinOf(0.9));
            Assert.Equal(3, policy.BinOf(0.2));
            Assert.Equal(4, policy.BinOf(0.1));
            Assert.Equal(1, policy.Bins[policy.BinOf(0.9)].Budget);
            Assert.Equal(64, policy.Bins[policy.BinOf(0.2)].Budget);
            Assert.Equal(ComputeOptimalPolicyFile.ToJson(policy), File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using System.Globalization;
using InferScale.Verification;

namespace InferScale.Analysis;

/// <summary>
/// Whole-sample analysis of a recorded pool: pass@k (exact, unbiased), maj@k (answers grouped by equivalence),
/// bon@k (exact), weighted maj@k, each averaged over problems with percentile bootstrap intervals over problems;
/// per-level curves; the coverage and saturating laws with extrapolation.
/// </summary>
/// <remarks>
/// Voting rules. A sample without an answer does not vote. A group's credit is the majority of its members' correctness
/// labels (½ on an exact split), or, when none is labelled, whether its representative is equivalent to the gold answer.
/// Ties between groups (equal counts, or equal score sums) and between samples (equal top scores for best-of-k) share
/// the credit: the result is the mean credit of the tied candidates, i.e. the expected result of a uniformly random
/// tie-break. Missing scores rank last in best-of-k and add 0 to weighted sums. Per-problem random streams derive from
/// (seed, problem index), so results do not depend on the thread count.
/// </remarks>
public static class PoolAnalyzer
{
    private const long BootstrapStream = -1;

    /// <summary>Analyses <paramref name="pool"/>, grouping and grading answers with <paramref name="equivalence"/>.</summary>
    /// <exception cref="ArgumentException">The pool is empty, a problem has no samples, or the pool has neither labels nor gold answers.</exception>
    public static PoolAnalysisResult Analyze(SamplePool pool, IAnswerEquivalence equivalence, PoolAnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(equivalence);
        options ??= new PoolAnalysisOptions();
        options.Validate();
        var problems = pool.Problems;
        if (problems.Count == 0) throw new ArgumentException("the pool has no problems", nameof(pool));
        if (problems.FirstOrDefault(p => p.Samples.Count == 0) is { } empty)
            throw new ArgumentException($"problem '{empty.Id}' has no samples", nameof(pool));
        if (!problems.Any(p => p.Gold is not null || p.Samples.Any(s => s.IsCorrect is not null)))
            throw new ArgumentException("the pool has neither correctness labels nor gold answers, so nothing can be graded", nameof(pool));

        var n = pool.MinSamplesPerProblem;
        var ks = CurveKs(n);
        var withScores = pool.HasScores;
        var metrics = withScores
            ? new[] { PoolMetric.PassAtK, PoolMetric.MajorityAtK, PoolMetric.BestOfK, PoolMetric.WeightedMajorityAtK }
            : new[] { PoolMetric.PassAtK, PoolMetric.MajorityAtK };
        var slots = withScores ? 4 : 2;
        var values = new double[slots * ks.Length][];
        for (var s = 0; s < values.Length; s++) values[s] = new double[problems.Count];

        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1 };
        Parallel.For(0, problems.Count, parallel, i =>
        {
            var prepared = PreparedProblem.Create(problems[i], equivalence, out var scoresForBest);
            ProblemEvaluator.Evaluate(prepared, scoresForBest, ks, withScores, options.Subsamples, Xoshiro256.Derive(options.Seed, i), values, i);
        });

        var all = Enumerable.Range(0, problems.Count).ToArray();
        var (curves, resampleMeans) = BuildCurves(values, all, ks, metrics, options, Xoshiro256.Derive(options.Seed, BootstrapStream), parallel);

        var byLevel = new List<LevelAnalysis>();
        var levels = problems.Select(p => p.Level).OfType<string>().Distinct().ToList();
        levels.Sort(LevelComparer(levels));
        for (var l = 0; l < levels.Count; l++)
        {
            var members = all.Where(i => problems[i].Level == levels[l]).ToArray();
            var (levelCurves, _) = BuildCurves(values, members, ks, metrics, options, Xoshiro256.Derive(options.Seed, BootstrapStream, l + 1), parallel);
            byLevel.Add(new LevelAnalysis(levels[l], members.Length, levelCurves) { TruncatedShare = TruncatedShare(members.Select(i => problems[i])) });
        }

        var target = checked(options.ExtrapolationFactor * n);
        var extrapolations = new List<Extrapolation>();
        var coverage = FitCoverage(curves[0], ks, resampleMeans, options, parallel, target, extrapolations);
        var saturating = new Dictionary<PoolMetric, SaturatingLawFit>();
        for (var m = 1; m < metrics.Length; m++)
        {
            var fit = FitSaturating(metrics[m], curves[m], ks, resampleMeans, m, options, parallel, target, extrapolations);
            if (fit is not null) saturating[metrics[m]] = fit;
        }

        return new PoolAnalysisResult
        {
            Name = pool.Name,
            Problems = problems.Count,
            SamplesPerProblem = n,
            Samples = pool.SampleCount,
            Ks = ks,
            Options = options,
            Curves = curves,
            ByLevel = byLevel,
            TruncatedShare = TruncatedShare(problems),
            CoverageFit = coverage,
            SaturatingFits = saturating,
            Extrapolations = extrapolations,
        };
    }

    private static double TruncatedShare(IEnumerable<PoolProblem> problems)
    {
        long samples = 0, truncated = 0;
        foreach (var p in problems)
        {
            samples += p.Samples.Count;
            truncated += p.Samples.Count(s => s.FinishReason == Generation.FinishReason.Length);
        }

        return samples == 0 ? 0 : (double)truncated / samples;
    }

    /// <summary>The k values of the curves for n samples per problem: every k ≤ 16, every power of two, and n (all ≤ n).</summary>
    public static int[] CurveKs(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var ks = new SortedSet<int> { n };
        for (var k = 1; k <= Math.Min(16, n); k++) ks.Add(k);
        for (var k = 1; k <= n && k > 0; k *= 2) ks.Add(k);
        return [.. ks];
    }

    private static (List<MetricCurve> Curves, double[][]? ResampleMeans) BuildCurves(
        double[][] values, int[] problems, int[] ks, PoolMetric[] metrics, PoolAnalysisOptions options, ulong seed, ParallelOptions parallel)
    {
        var resampleMeans = options.BootstrapResamples > 0
            ? Bootstrap.ResampleMeans(values, problems, options.BootstrapResamples, seed, parallel)
            : null;
        var curves = new List<MetricCurve>(metrics.Length);
        for (var m = 0; m < metrics.Length; m++)
        {
            var points = new CurvePoint[ks.Length];
            for (var j = 0; j < ks.Length; j++)
            {
                var series = values[m * ks.Length + j];
                var sum = 0.0;
                foreach (var i in problems) sum += series[i];
                var interval = resampleMeans is null ? (ConfidenceInterval?)null : Bootstrap.Interval(resampleMeans[m * ks.Length + j], options.ConfidenceLevel);
                points[j] = new CurvePoint(ks[j], sum / problems.Length, interval);
            }

            curves.Add(new MetricCurve(metrics[m], points));
        }

        return (curves, resampleMeans);
    }

    private static CoverageLawFit? FitCoverage(MetricCurve pass, int[] ks, double[][]? resampleMeans, PoolAnalysisOptions options, ParallelOptions parallel, int target, List<Extrapolation> extrapolations)
    {
        var fit = ScalingLaws.FitCoverage(ks, pass.Points.Select(p => p.Value).ToList());
        if (fit is null) return null;
        ConfidenceInterval? predictionInterval = null;
        if (resampleMeans is not null)
        {
            var fits = Resampled(resampleMeans, 0, ks.Length, options.BootstrapResamples, parallel, curve => ScalingLaws.FitCoverage(ks, curve));
            fit = fit with { AInterval = Bootstrap.Interval(fits.Select(f => f.A), options.ConfidenceLevel), BInterval = Bootstrap.Interval(fits.Select(f => f.B), options.ConfidenceLevel) };
            predictionInterval = Bootstrap.Interval(fits.Select(f => Clamp(f.Predict(target))), options.ConfidenceLevel);
        }

        extrapolations.Add(new Extrapolation(PoolMetric.PassAtK, target, Clamp(fit.Predict(target)), predictionInterval));
        return fit;
    }

    private static SaturatingLawFit? FitSaturating(PoolMetric metric, MetricCurve curve, int[] ks, double[][]? resampleMeans, int slot, PoolAnalysisOptions options, ParallelOptions parallel, int target, List<Extrapolation> extrapolations)
    {
        var fit = ScalingLaws.FitSaturating(ks, curve.Points.Select(p => p.Value).ToList());
        if (fit is null) return null;
        ConfidenceInterval? predictionInterval = null;
        if (resampleMeans is not null)
        {
            var fits = Resampled(resampleMeans, slot, ks.Length, options.BootstrapResamples, parallel, c => ScalingLaws.FitSaturating(ks, c));
            fit = fit with { AsymptoteInterval = Bootstrap.Interval(fits.Select(f => f.Asymptote), options.ConfidenceLevel) };
            predictionInterval = Bootstrap.Interval(fits.Select(f => Clamp(f.Predict(target))), options.ConfidenceLevel);
        }

        extrapolations.Add(new Extrapolation(metric, target, Clamp(fit.Predict(target)), predictionInterval));
        return fit;
    }

    private static List<T> Resampled<T>(double[][] resampleMeans, int slot, int kCount, int resamples, ParallelOptions parallel, Func<double[], T?> fit)
        where T : class
    {
        var fits = new T?[resamples];
        Parallel.For(0, resamples, parallel, b =>
        {
            var curve = new double[kCount];
            for (var j = 0; j < kCount; j++) curve[j] = resampleMeans[slot * kCount + j][b];
            fits[b] = fit(curve);
        });
        return fits.OfType<T>().ToList();
    }

    private static double Clamp(double value) => double.IsFinite(value) ? Math.Clamp(value, 0.0, 1.0) : value;

    private static Comparer<string> LevelComparer(List<string> levels)
    {
        var numeric = levels.All(l => int.TryParse(l, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
        return numeric
            ? Comparer<string>.Create((a, b) => int.Parse(a, CultureInfo.InvariantCulture).CompareTo(int.Parse(b, CultureInfo.InvariantCulture)))
            : Comparer<string>.Create(string.CompareOrdinal);
    }
}

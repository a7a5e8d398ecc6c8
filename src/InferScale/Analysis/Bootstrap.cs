using System.Numerics.Tensors;
using MathNet.Numerics.Statistics;

namespace InferScale.Analysis;

/// <summary>
/// Percentile bootstrap over problems: each resample draws P problems with replacement (one seeded stream), and every
/// series' mean is recomputed on it. All series share the same resamples, so fits on a resample's curves are coherent.
/// </summary>
internal static class Bootstrap
{
    /// <summary>Returns <c>means[series][resample]</c> for each series of per-problem values (restricted to <paramref name="problems"/>).</summary>
    public static double[][] ResampleMeans(double[][] series, int[] problems, int resamples, ulong seed, ParallelOptions parallel)
    {
        var p = problems.Length;
        var weights = new double[resamples][];
        var rng = new Xoshiro256(seed);
        for (var b = 0; b < resamples; b++)
        {
            var w = weights[b] = new double[p];
            for (var i = 0; i < p; i++) w[rng.NextInt(p)] += 1.0;
        }

        var means = new double[series.Length][];
        Parallel.For(0, series.Length, parallel, s =>
        {
            var values = new double[p];
            for (var i = 0; i < p; i++) values[i] = series[s][problems[i]];
            var m = means[s] = new double[resamples];
            for (var b = 0; b < resamples; b++) m[b] = TensorPrimitives.Dot<double>(weights[b], values) / p;
        });
        return means;
    }

    /// <summary>The central <paramref name="level"/> percentile interval of <paramref name="values"/> (R-7 quantiles); <see langword="null"/> when empty.</summary>
    public static ConfidenceInterval? Interval(IEnumerable<double> values, double level)
    {
        var sorted = values.Where(double.IsFinite).ToArray();
        if (sorted.Length == 0) return null;
        Array.Sort(sorted);
        var alpha = (1 - level) / 2;
        return new ConfidenceInterval(
            SortedArrayStatistics.QuantileCustom(sorted, alpha, QuantileDefinition.R7),
            SortedArrayStatistics.QuantileCustom(sorted, 1 - alpha, QuantileDefinition.R7));
    }
}

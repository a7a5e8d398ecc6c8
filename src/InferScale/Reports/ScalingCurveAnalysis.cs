using InferScale.Analysis;
using InferScale.Strategies;

namespace InferScale.Reports;

/// <summary>Builds the coverage (pass-at-k) and majority curves per model over sample budgets and fits their laws.</summary>
internal static class ScalingCurveAnalysis
{
    /// <summary>Predictions reach this multiple of the largest observed budget.</summary>
    public const double ExtrapolationFactor = 4.0;

    public static IReadOnlyList<ScalingCurve> Build(IReadOnlyList<StrategySummary> rows)
    {
        var curves = new List<ScalingCurve>();
        foreach (var group in rows
            .Where(r => r.BudgetKind == "samples" && (r.Strategy == PassAtKStrategyExtensions.Name || r.Strategy == MajorityStrategyExtensions.Name))
            .GroupBy(r => (r.Model, r.Strategy, r.ParamsText)))
        {
            var points = group.Where(r => r.Budget >= 1).OrderBy(r => r.Budget).ToList();
            if (points.Count == 0) continue;
            var coverage = group.Key.Strategy == PassAtKStrategyExtensions.Name;
            var ks = points.Select(r => (int)Math.Round(r.Budget)).ToArray();
            var acc = points.Select(r => r.Accuracy).ToArray();
            var observed = points.Select(r => new ScalingPoint(r.Budget, r.Accuracy, false)).ToList();
            var curve = new ScalingCurve
            {
                Model = group.Key.Model,
                Strategy = group.Key.Strategy,
                ParamsText = group.Key.ParamsText,
                Law = coverage ? "coverage" : "saturating",
                Observed = observed,
                Fitted = [],
            };

            Func<double, double>? predict = null;
            if (coverage)
            {
                if (ScalingLaws.FitCoverage(ks, acc) is { } fit)
                {
                    curve = curve with { A = fit.A, B = fit.B, RSquared = fit.RSquared };
                    predict = fit.Predict;
                }
                else
                {
                    curve = curve with { Note = "not fitted: the coverage law needs two budgets with coverage strictly between 0 and 1" };
                }
            }
            else if (ScalingLaws.FitSaturating(ks, acc) is { } fit)
            {
                curve = curve with { Asymptote = fit.Asymptote, Scale = fit.Scale, Exponent = fit.Exponent, RSquared = fit.RSquared };
                predict = fit.Predict;
            }
            else
            {
                curve = curve with { Note = "not fitted: the saturating law needs three distinct budgets" };
            }

            if (predict is not null)
                curve = curve with { Fitted = Grid(ks[0], ks[^1]).Select(k => new ScalingPoint(k, Math.Clamp(predict(k), 0, 1), k > ks[^1])).ToList() };
            curves.Add(curve);
        }
        return curves;
    }

    /// <summary>Budgets from <paramref name="min"/> to 4× <paramref name="max"/>: quarter-octave steps, plus both ends.</summary>
    private static IEnumerable<double> Grid(int min, int max)
    {
        var end = ExtrapolationFactor * max;
        var set = new SortedSet<double> { min, max, end };
        for (var x = (double)min; x < end; x *= Math.Pow(2, 0.25)) set.Add(Math.Round(x, 6));
        return set;
    }
}

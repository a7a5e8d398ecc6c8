using MathNet.Numerics;

namespace InferScale.Analysis;

/// <summary>Fits the coverage law and the saturating accuracy law to a curve over k.</summary>
public static class ScalingLaws
{
    private const double MinExponent = 0.01;
    private const double MaxExponent = 10.0;
    private const int GridPoints = 160;

    /// <summary>
    /// Fits <c>c(k) = exp(a·k^b)</c> to the points with 0 &lt; c &lt; 1 (linear least squares of <c>log(−log c)</c> on
    /// <c>log k</c>). Returns <see langword="null"/> when fewer than two such points with distinct k remain.
    /// </summary>
    public static CoverageLawFit? FitCoverage(IReadOnlyList<int> ks, IReadOnlyList<double> coverage)
    {
        ArgumentNullException.ThrowIfNull(ks);
        ArgumentNullException.ThrowIfNull(coverage);
        if (ks.Count != coverage.Count) throw new ArgumentException("ks and coverage must have the same length", nameof(coverage));
        var x = new List<double>();
        var y = new List<double>();
        var used = new List<int>();
        for (var i = 0; i < ks.Count; i++)
        {
            if (ks[i] < 1 || !(coverage[i] > 0.0 && coverage[i] < 1.0)) continue;
            x.Add(Math.Log(ks[i]));
            y.Add(Math.Log(-Math.Log(coverage[i])));
            used.Add(i);
        }

        if (x.Distinct().Count() < 2) return null;
        var (intercept, slope) = Fit.Line([.. x], [.. y]);
        var a = -Math.Exp(intercept);
        var fit = new CoverageLawFit(a, slope, 0.0);
        var predicted = used.Select(i => fit.Predict(ks[i])).ToArray();
        var observed = used.Select(i => coverage[i]).ToArray();
        return fit with { RSquared = RSquared(predicted, observed) };
    }

    /// <summary>
    /// Fits <c>acc(k) = A − B·k^(−β)</c> with A in [0, 1] and β in [0.01, 10] (profile least squares: a log-spaced grid over β, then a
    /// golden-section refinement). Returns <see langword="null"/> when fewer than three distinct k are given.
    /// </summary>
    public static SaturatingLawFit? FitSaturating(IReadOnlyList<int> ks, IReadOnlyList<double> accuracy)
    {
        ArgumentNullException.ThrowIfNull(ks);
        ArgumentNullException.ThrowIfNull(accuracy);
        if (ks.Count != accuracy.Count) throw new ArgumentException("ks and accuracy must have the same length", nameof(accuracy));
        if (ks.Distinct().Count() < 3 || ks.Any(k => k < 1)) return null;
        var logK = ks.Select(k => Math.Log(k)).ToArray();
        var acc = accuracy.ToArray();

        var best = 0;
        var bestSse = double.PositiveInfinity;
        var grid = new double[GridPoints];
        for (var i = 0; i < GridPoints; i++)
        {
            grid[i] = MinExponent * Math.Pow(MaxExponent / MinExponent, (double)i / (GridPoints - 1));
            var sse = Solve(logK, acc, grid[i]).Sse;
            if (sse < bestSse - 1e-15)
            {
                bestSse = sse;
                best = i;
            }
        }

        // Golden-section search on log β within the neighbouring grid cells.
        var lo = Math.Log(grid[Math.Max(0, best - 1)]);
        var hi = Math.Log(grid[Math.Min(GridPoints - 1, best + 1)]);
        var phi = (Math.Sqrt(5) - 1) / 2;
        for (var iteration = 0; iteration < 60 && hi - lo > 1e-10; iteration++)
        {
            var m1 = hi - phi * (hi - lo);
            var m2 = lo + phi * (hi - lo);
            if (Solve(logK, acc, Math.Exp(m1)).Sse <= Solve(logK, acc, Math.Exp(m2)).Sse) hi = m2;
            else lo = m1;
        }

        var beta = Math.Exp((lo + hi) / 2);
        var solution = Solve(logK, acc, beta);
        if (solution.Sse > bestSse)
        {
            beta = grid[best];
            solution = Solve(logK, acc, beta);
        }

        var fit = new SaturatingLawFit(solution.A, solution.B, beta, 0.0);
        return fit with { RSquared = RSquared(ks.Select(k => fit.Predict(k)).ToArray(), acc) };
    }

    private static (double A, double B, double Sse) Solve(double[] logK, double[] acc, double beta)
    {
        // acc = A − B·x with x = k^(−β): linear least squares in (A, B), with A kept in [0, 1] (an accuracy limit).
        var n = logK.Length;
        double mx = 0, my = 0;
        Span<double> x = n <= 128 ? stackalloc double[n] : new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = Math.Exp(-beta * logK[i]);
            mx += x[i];
            my += acc[i];
        }

        mx /= n;
        my /= n;
        double sxx = 0, sxy = 0;
        for (var i = 0; i < n; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (acc[i] - my);
        }

        var c = sxx > 0 ? sxy / sxx : 0.0;
        var a = my - c * mx;
        if (a is < 0.0 or > 1.0)
        {
            // The limit is on the boundary: fix A there and fit B alone (least squares through acc − A = −B·x).
            a = Math.Clamp(a, 0.0, 1.0);
            double sx2 = 0, sxr = 0;
            for (var i = 0; i < n; i++)
            {
                sx2 += x[i] * x[i];
                sxr += x[i] * (acc[i] - a);
            }

            c = sx2 > 0 ? sxr / sx2 : 0.0;
        }

        var sse = 0.0;
        for (var i = 0; i < n; i++)
        {
            var r = acc[i] - (a + c * x[i]);
            sse += r * r;
        }

        return (a, -c, sse);
    }

    private static double RSquared(double[] predicted, double[] observed)
    {
        var mean = observed.Average();
        double sst = 0, sse = 0;
        for (var i = 0; i < observed.Length; i++)
        {
            sst += (observed[i] - mean) * (observed[i] - mean);
            sse += (observed[i] - predicted[i]) * (observed[i] - predicted[i]);
        }

        if (sst > 0) return 1.0 - sse / sst;
        return sse <= 1e-24 ? 1.0 : 0.0;
    }
}

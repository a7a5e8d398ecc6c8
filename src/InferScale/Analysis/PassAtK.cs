namespace InferScale.Analysis;

/// <summary>The unbiased pass@k estimator (Chen et al. 2021): the chance that at least one of k samples drawn without replacement from n is correct.</summary>
public static class PassAtK
{
    /// <summary>
    /// Returns <c>1 − C(n−c, k) / C(n, k)</c>, computed stably as <c>1 − Π_{i=n−c+1..n} (1 − k/i)</c>.
    /// </summary>
    /// <param name="n">Samples recorded (≥ 1).</param>
    /// <param name="c">Correct samples among them (0..n).</param>
    /// <param name="k">Samples drawn (1..n).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public static double Estimate(int n, int c, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(c, n);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        if (c == 0) return 0.0;
        if (n - c < k) return 1.0;
        var product = 1.0;
        for (var i = n - c + 1; i <= n; i++) product *= 1.0 - (double)k / i;
        return 1.0 - product;
    }
}

namespace InferScale.Analysis;

/// <summary>
/// The coverage law of Brown et al. (2024), <c>c(k) = exp(a·k^b)</c>, fitted by least squares on
/// <c>log(−log c) = log(−a) + b·log k</c> over the points with 0 &lt; c &lt; 1.
/// </summary>
/// <param name="A">The coefficient a (negative).</param>
/// <param name="B">The exponent b (negative when coverage rises with k).</param>
/// <param name="RSquared">Coefficient of determination of the fitted c against the observed c, over the fitted points.</param>
public sealed record CoverageLawFit(double A, double B, double RSquared)
{
    /// <summary>Bootstrap interval of <see cref="A"/>; <see langword="null"/> when not bootstrapped.</summary>
    public ConfidenceInterval? AInterval { get; init; }

    /// <summary>Bootstrap interval of <see cref="B"/>; <see langword="null"/> when not bootstrapped.</summary>
    public ConfidenceInterval? BInterval { get; init; }

    /// <summary>The predicted coverage at <paramref name="k"/>.</summary>
    public double Predict(double k) => Math.Exp(A * Math.Pow(k, B));
}

namespace InferScale.Analysis;

/// <summary>
/// A saturating law for accuracy against samples, <c>acc(k) = A − B·k^(−β)</c> (power-law convergence to the limit A),
/// fitted by least squares: for each β, A and B solve a linear regression (A kept in [0, 1]); β minimises the residual (profile search).
/// </summary>
/// <param name="Asymptote">A, the accuracy limit as k grows (in [0, 1]; at 1 or 0 when the data push it to the bound).</param>
/// <param name="Scale">B, the gap at k = 1 (negative when accuracy falls with k).</param>
/// <param name="Exponent">β &gt; 0, the convergence rate.</param>
/// <param name="RSquared">Coefficient of determination over the fitted points (1 when the curve is flat and fitted exactly).</param>
public sealed record SaturatingLawFit(double Asymptote, double Scale, double Exponent, double RSquared)
{
    /// <summary>Bootstrap interval of <see cref="Asymptote"/>; <see langword="null"/> when not bootstrapped.</summary>
    public ConfidenceInterval? AsymptoteInterval { get; init; }

    /// <summary>The predicted accuracy at <paramref name="k"/>.</summary>
    public double Predict(double k) => Asymptote - Scale * Math.Pow(k, -Exponent);
}

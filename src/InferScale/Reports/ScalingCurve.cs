using System.Text.Json.Serialization;

namespace InferScale.Reports;

/// <summary>
/// A coverage (pass-at-k) or majority-vote curve of one model over sample budgets, with its fitted law and predictions
/// up to 4× the largest budget: coverage <c>exp(a·k^b)</c> (Brown et al.), majority <c>A − B·k^(−β)</c>.
/// </summary>
public sealed record ScalingCurve
{
    /// <summary>The policy model.</summary>
    [JsonPropertyName("model")] public required string Model { get; init; }

    /// <summary>The strategy whose rows form the curve (<c>pass-at-k</c> or <c>majority</c>).</summary>
    [JsonPropertyName("strategy")] public required string Strategy { get; init; }

    /// <summary>The rows' parameters, as text.</summary>
    [JsonPropertyName("params_text")] public required string ParamsText { get; init; }

    /// <summary><c>coverage</c> or <c>saturating</c>.</summary>
    [JsonPropertyName("law")] public required string Law { get; init; }

    /// <summary>Coverage law: a; otherwise null.</summary>
    [JsonPropertyName("a")] public double? A { get; init; }

    /// <summary>Coverage law: b; otherwise null.</summary>
    [JsonPropertyName("b")] public double? B { get; init; }

    /// <summary>Saturating law: the limit A; otherwise null.</summary>
    [JsonPropertyName("asymptote")] public double? Asymptote { get; init; }

    /// <summary>Saturating law: B; otherwise null.</summary>
    [JsonPropertyName("scale")] public double? Scale { get; init; }

    /// <summary>Saturating law: β; otherwise null.</summary>
    [JsonPropertyName("exponent")] public double? Exponent { get; init; }

    /// <summary>R² of the fit over the fitted points; null when not fitted.</summary>
    [JsonPropertyName("r_squared")] public double? RSquared { get; init; }

    /// <summary>Why no law was fitted (too few points, coverage at 0 or 1); null when fitted.</summary>
    [JsonPropertyName("note")] public string? Note { get; init; }

    /// <summary>The observed accuracies, budget ascending.</summary>
    [JsonPropertyName("observed")] public required IReadOnlyList<ScalingPoint> Observed { get; init; }

    /// <summary>The law's predictions from the smallest budget to 4× the largest (empty when not fitted).</summary>
    [JsonPropertyName("fitted")] public required IReadOnlyList<ScalingPoint> Fitted { get; init; }
}

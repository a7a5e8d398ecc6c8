using System.ComponentModel;

namespace InferScale.Strategies;

/// <summary>
/// Base of every strategy's options: immutable records with documented defaults, validated once when the strategy is
/// built (<see cref="Validate"/>) and against the budget when it is known (<see cref="ValidateBudget"/>). Messages
/// name the option.
/// </summary>
public abstract record ScalingStrategyOptions
{
    /// <summary>Sampling temperature for the strategy's samples; <see langword="null"/> (default) keeps the context's.</summary>
    [Description("Sampling temperature; empty keeps the context's (default 1).")]
    public double? Temperature { get; init; }

    /// <summary>Maximum tokens per sample; <see langword="null"/> (default) keeps the context's.</summary>
    [Description("Maximum tokens per sample; empty keeps the context's (default 512).")]
    public int? MaxTokens { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public virtual void Validate()
    {
        if (Temperature is double t && (!(t >= 0) || double.IsInfinity(t)))
            throw new ArgumentOutOfRangeException(nameof(Temperature), t, "Temperature must be a finite number >= 0 (negative temperature).");
        if (MaxTokens is int m && m < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxTokens), m, "MaxTokens must be >= 1.");
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the option when the options cannot work within <paramref name="budget"/>.</summary>
    public virtual void ValidateBudget(ComputeBudget budget) => ArgumentNullException.ThrowIfNull(budget);

    /// <summary>Throws naming <paramref name="name"/> unless <paramref name="value"/> is in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    protected static void Require(string name, double value, double min, double max, string? why = null)
    {
        if (!(value >= min && value <= max))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}]{(why is null ? "" : ": " + why)}.");
    }
}

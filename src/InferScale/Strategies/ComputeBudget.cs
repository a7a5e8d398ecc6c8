using System.Globalization;

namespace InferScale.Strategies;

/// <summary>
/// The compute one strategy run may spend on its policy generator, in samples, tokens or FLOPs. A run never exceeds it:
/// the <see cref="BudgetTracker"/> trims each call before it is made (see <see cref="BudgetKind"/> for what each kind counts).
/// </summary>
public sealed record ComputeBudget
{
    /// <summary>Creates a budget; throws when <paramref name="amount"/> is not a positive finite number (or not whole for samples and tokens).</summary>
    public ComputeBudget(BudgetKind kind, double amount)
    {
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown budget kind.");
        if (!(amount > 0) || double.IsInfinity(amount))
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"The budget must be a positive finite number of {Unit(kind)} (zero budget).");
        if (kind != BudgetKind.Flops && amount != Math.Floor(amount))
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"A budget of {Unit(kind)} must be a whole number.");
        Kind = kind;
        Amount = amount;
    }

    /// <summary>What the budget counts.</summary>
    public BudgetKind Kind { get; }

    /// <summary>How much may be spent, in the unit of <see cref="Kind"/>.</summary>
    public double Amount { get; }

    /// <summary>A budget of <paramref name="samples"/> samples.</summary>
    public static ComputeBudget Samples(int samples) => new(BudgetKind.Samples, samples);

    /// <summary>A budget of <paramref name="tokens"/> policy tokens (prompt computed + completion).</summary>
    public static ComputeBudget Tokens(long tokens) => new(BudgetKind.Tokens, tokens);

    /// <summary>A budget of <paramref name="flops"/> policy FLOPs.</summary>
    public static ComputeBudget Flops(double flops) => new(BudgetKind.Flops, flops);

    /// <summary>
    /// Parses <c>16</c> or <c>16samples</c> (samples), <c>4096tokens</c> (tokens), <c>1e15flops</c> (FLOPs); case-insensitive.
    /// Throws <see cref="FormatException"/> naming the text when it is not one of those.
    /// </summary>
    public static ComputeBudget Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim().ToLowerInvariant();
        var (kind, number) = s switch
        {
            _ when s.EndsWith("samples", StringComparison.Ordinal) => (BudgetKind.Samples, s[..^7]),
            _ when s.EndsWith("tokens", StringComparison.Ordinal) => (BudgetKind.Tokens, s[..^6]),
            _ when s.EndsWith("flops", StringComparison.Ordinal) => (BudgetKind.Flops, s[..^5]),
            _ => (BudgetKind.Samples, s),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            throw new FormatException($"Budget '{text}' is not a number followed by an optional unit (samples, tokens, flops), e.g. 16, 4096tokens, 1e15flops.");
        try
        {
            return new ComputeBudget(kind, amount);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new FormatException($"Budget '{text}': {ex.Message.Split(" (Parameter", 2)[0]}", ex);
        }
    }

    /// <summary>The budget in the syntax <see cref="Parse"/> reads, for example <c>16samples</c>.</summary>
    public override string ToString() => Amount.ToString("R", CultureInfo.InvariantCulture) + Unit(Kind);

    private static string Unit(BudgetKind kind) => kind switch
    {
        BudgetKind.Samples => "samples",
        BudgetKind.Tokens => "tokens",
        _ => "flops",
    };
}

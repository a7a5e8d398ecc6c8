using InferScale.Verification.Expressions;

namespace InferScale.Verification;

/// <summary>
/// Canonical text of a math answer, for grouping votes cheaply: equal keys mean equivalent answers (the converse needs
/// <see cref="MathAnswerChecker.AreEquivalent"/>). LaTeX noise is removed (<c>\left</c>, <c>\dfrac</c>, <c>$</c>, units,
/// <c>^\circ</c>, <c>\%</c>, thousands separators, trailing <c>.0</c>) and rational numbers are written in lowest terms.
/// </summary>
public static class MathAnswerNormalizer
{
    /// <summary>The canonical key of an already-extracted answer (for example <c>\dfrac{2}{4}</c> → <c>1/2</c>).</summary>
    public static string Normalize(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var cleaned = LatexCleaner.Clean(answer);
        try
        {
            var budget = new MathBudget(TimeProvider.System, TimeSpan.FromSeconds(1), 200_000);
            var node = MathParser.Parse(cleaned, budget);
            if (new MathEvaluator(budget).TryExact(node) is { } exact && !HasDecimal(node))
                return exact.Denominator.IsOne ? exact.Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{exact.Numerator}/{exact.Denominator}");
            return LatexCleaner.Canonical(MathPrinter.Print(node));
        }
        catch (Exception ex) when (ex is MathParseException or MathBudgetExceededException)
        {
            return LatexCleaner.Canonical(cleaned);
        }
    }

    private static bool HasDecimal(MathNode node) => (node.Kind == MathNodeKind.Number && node.IsDecimal) || node.Children.Any(HasDecimal);
}

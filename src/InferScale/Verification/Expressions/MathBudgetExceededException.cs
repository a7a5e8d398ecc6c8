namespace InferScale.Verification.Expressions;

/// <summary>Thrown inside the parser, evaluator or comparer when a <see cref="MathBudget"/> is spent.</summary>
internal sealed class MathBudgetExceededException : Exception
{
    public MathBudgetExceededException(string message)
        : base(message)
    {
    }
}

namespace InferScale.Tasks.Arith;

/// <summary>
/// What makes a level hard: the number of computed steps, the size of the starting numbers, the operations allowed,
/// and how many steps combine two earlier values.
/// </summary>
/// <param name="Level">1–5.</param>
/// <param name="Steps">Computed assignments (each is one solution line).</param>
/// <param name="MaxStart">Largest starting value.</param>
/// <param name="MaxOperand">Largest literal operand in a step.</param>
/// <param name="MultiplyWeight">Relative frequency of multiplication (addition and subtraction have weight 1 each).</param>
/// <param name="DivideWeight">Relative frequency of exact division.</param>
/// <param name="TwoVariableShare">Share of steps whose operands are two earlier variables instead of a variable and a literal.</param>
internal sealed record ArithLevel(int Level, int Steps, int MaxStart, int MaxOperand, double MultiplyWeight, double DivideWeight, double TwoVariableShare)
{
    public static readonly ArithLevel[] All =
    [
        new(1, 2, 9, 9, 0.0, 0.0, 0.0),
        new(2, 3, 20, 9, 0.5, 0.0, 0.2),
        new(3, 4, 30, 12, 0.8, 0.3, 0.3),
        new(4, 5, 60, 15, 1.0, 0.6, 0.4),
        new(5, 6, 99, 20, 1.3, 0.9, 0.5),
    ];

    public static ArithLevel Of(int level) =>
        level is >= 1 and <= 5 ? All[level - 1] : throw new ArgumentOutOfRangeException(nameof(level), level, "Levels are 1 to 5.");
}

using System.Globalization;
using InferScale.Randomness;

namespace InferScale.Tasks.Arith;

/// <summary>
/// Seeded generator of the built-in <c>arith</c> task: multi-step arithmetic programs at five difficulty levels (more
/// steps, larger numbers, more multiplication and exact division, more steps combining two earlier values at higher
/// levels), with a worked solution of one step per line. Problem <c>(split, level, index)</c> depends only on those
/// and the seed, so the fixed test split and the training stream are reproducible, and training problems never repeat
/// a test problem's statement.
/// </summary>
public sealed class ArithGenerator
{
    /// <summary>The seed of the committed test set (<c>data/arith-test.jsonl</c>).</summary>
    public const ulong DefaultSeed = 20261123;

    private const string Letters = "abcdefghjkmnpqrstuvwxyz";
    private readonly ulong _seed;
    private readonly Lazy<HashSet<string>> _testStatements;

    /// <summary>A generator for <paramref name="seed"/>.</summary>
    public ArithGenerator(ulong seed = DefaultSeed)
    {
        _seed = seed;
        _testStatements = new Lazy<HashSet<string>>(() => TestSet(100).Select(p => p.Statement).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The test split: <paramref name="perLevel"/> problems of each level, level 1 first.</summary>
    public IReadOnlyList<ArithProblem> TestSet(int perLevel = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perLevel);
        var list = new List<ArithProblem>(perLevel * 5);
        for (var level = 1; level <= 5; level++)
        {
            for (var i = 0; i < perLevel; i++)
                list.Add(Generate("arith-test", level, i));
        }
        return list;
    }

    /// <summary>
    /// Training problem <paramref name="index"/>, never equal to a test problem's statement. Its level comes from
    /// <paramref name="mix"/> (default <see cref="ArithLevelMix.Uniform"/>: levels cycle 1–5); the problem depends only
    /// on the index and the level, so two mixes that give an index the same level give it the same problem.
    /// </summary>
    public ArithProblem Training(long index, ArithLevelMix? mix = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var level = (mix ?? ArithLevelMix.Uniform).LevelOf(index);
        for (var attempt = 0; ; attempt++)
        {
            var problem = Generate("arith-train", level, index, attempt);
            if (!_testStatements.Value.Contains(problem.Statement))
                return problem;
        }
    }

    /// <summary>
    /// A training completion for <paramref name="problem"/>: the reference solution, or (with probability
    /// <paramref name="selfCheckRate"/>) one with a self-check: a step written wrong, then a <c>Wait</c> line that
    /// re-checks it and corrects it, or a <c>Wait</c> line that re-checks a correct step.
    /// </summary>
    public string TrainingCompletion(ArithProblem problem, long index, double selfCheckRate)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var rng = new SplitMix64(SplitMix64.Combine(_seed, 0xC4EC, (ulong)index));
        if (rng.NextDouble() >= selfCheckRate || problem.Steps.Count == 0)
            return problem.Solution;
        var lines = problem.Steps.ToList();
        var at = rng.Between(0, lines.Count - 1);
        var step = lines[at];
        var eq = step.LastIndexOf(" = ", StringComparison.Ordinal);
        var value = long.Parse(step[(eq + 3)..], CultureInfo.InvariantCulture);
        var lhs = step[..eq];
        if (rng.NextDouble() < 0.6)
        {
            var wrong = value + (rng.NextDouble() < 0.5 ? -1 : 1) * rng.Between(1, 3);
            lines[at] = $"{lhs} = {wrong.ToString(CultureInfo.InvariantCulture)}";
            lines.Insert(at + 1, $"{ArithFormat.Wait}, {lhs} = {value.ToString(CultureInfo.InvariantCulture)}");
        }
        else
        {
            lines.Insert(at + 1, $"{ArithFormat.Wait}, check: {lhs} = {value.ToString(CultureInfo.InvariantCulture)}");
        }
        return ArithFormat.Completion(lines, problem.Answer);
    }

    /// <summary>Problem <paramref name="index"/> of <paramref name="level"/> in <paramref name="split"/>.</summary>
    public ArithProblem Generate(string split, int level, long index, int attempt = 0)
    {
        ArgumentNullException.ThrowIfNull(split);
        var spec = ArithLevel.Of(level);
        var rng = new SplitMix64(SplitMix64.Combine(_seed, StableHash.Of(split), (ulong)level, (ulong)index, (ulong)attempt));
        var limit = level <= 3 ? 999 : 9999;
        var names = PickNames(ref rng, spec.Steps + 1);
        var values = new List<long> { rng.Between(1, spec.MaxStart) };
        var definitions = new List<string> { $"{names[0]} = {values[0]}" };
        var steps = new List<string>();
        for (var s = 1; s <= spec.Steps; s++)
        {
            var current = values[^1];
            var useVariable = s >= 2 && rng.NextDouble() < spec.TwoVariableShare;
            var otherIndex = useVariable ? rng.Between(0, values.Count - 2) : -1;
            var op = PickOp(ref rng, spec, useVariable);
            long operand;
            string operandText;
            string operandValueText;
            if (useVariable)
            {
                operand = values[otherIndex];
                operandText = names[otherIndex];
            }
            else
            {
                operand = op switch
                {
                    '*' => rng.Between(2, Math.Min(spec.MaxOperand, 12)),
                    '/' => PickDivisor(ref rng, current, spec.MaxOperand),
                    _ => rng.Between(1, spec.MaxOperand),
                };
                operandText = operand.ToString(CultureInfo.InvariantCulture);
            }
            if (op == '/' && (operand <= 1 || current % operand != 0))
            {
                op = '+';
                operand = rng.Between(1, spec.MaxOperand);
                operandText = operand.ToString(CultureInfo.InvariantCulture);
            }
            var result = Apply(current, op, operand);
            if (Math.Abs(result) > limit || (op == '-' && result < 0 && level <= 2))
            {
                op = current > limit / 2 ? '-' : '+';
                result = Apply(current, op, operand);
                if (Math.Abs(result) > limit || (result < 0 && level <= 2))
                {
                    op = '+';
                    operand = 1;
                    operandText = "1";
                    result = current + 1;
                }
            }
            operandValueText = operand.ToString(CultureInfo.InvariantCulture);
            values.Add(result);
            definitions.Add($"{names[s]} = {names[s - 1]} {op} {operandText}");
            steps.Add($"{names[s]} = {Show(current)} {op} {Show(operand, operandValueText)} = {result.ToString(CultureInfo.InvariantCulture)}");
        }
        var statement = string.Join(". ", definitions) + $". What is {names[^1]}?";
        return new ArithProblem($"{split}/{level}/{index}", level, statement, steps, values[^1]);
    }

    private static string Show(long value, string? text = null)
    {
        var s = text ?? value.ToString(CultureInfo.InvariantCulture);
        return value < 0 ? $"({s})" : s;
    }

    private static long Apply(long a, char op, long b) => op switch
    {
        '+' => a + b,
        '-' => a - b,
        '*' => a * b,
        '/' => a / b,
        _ => throw new InvalidOperationException("unknown operator " + op),
    };

    private static char PickOp(ref SplitMix64 rng, ArithLevel spec, bool twoVariables)
    {
        var divide = twoVariables ? 0 : spec.DivideWeight;
        var total = 2 + spec.MultiplyWeight + divide;
        var x = rng.NextDouble() * total;
        if (x < 1)
            return '+';
        if (x < 2)
            return '-';
        return x < 2 + spec.MultiplyWeight ? '*' : '/';
    }

    private static int PickDivisor(ref SplitMix64 rng, long value, int maxOperand)
    {
        var divisors = Enumerable.Range(2, Math.Max(0, maxOperand - 1)).Where(d => value != 0 && value % d == 0 && value / d != 1).ToArray();
        return divisors.Length == 0 ? 0 : divisors[rng.Between(0, divisors.Length - 1)];
    }

    private static string[] PickNames(ref SplitMix64 rng, int count)
    {
        var pool = Letters.ToCharArray();
        for (var i = pool.Length - 1; i > 0; i--)
        {
            var j = rng.Between(0, i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool.Take(count).Select(c => c.ToString()).ToArray();
    }
}

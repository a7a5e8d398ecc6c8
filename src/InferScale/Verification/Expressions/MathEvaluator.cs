using System.Numerics;

namespace InferScale.Verification.Expressions;

/// <summary>
/// Numeric evaluation of a <see cref="MathNode"/>: over complex doubles at given variable values, exactly over rationals
/// where the expression is rational, and element-wise for matrix expressions. Undefined results are NaN, never exceptions.
/// </summary>
internal sealed class MathEvaluator
{
    private readonly MathBudget _budget;

    public MathEvaluator(MathBudget budget) => _budget = budget;

    /// <summary>The exact value of a rational expression, or null when it is not rational or too large.</summary>
    public ExactRational? TryExact(MathNode node)
    {
        _budget.Tick();
        try
        {
            ExactRational? result = node.Kind switch
            {
                MathNodeKind.Number when !node.Name.Contains('_', StringComparison.Ordinal) => ExactRational.Parse(node.Name),
                MathNodeKind.Negate => TryExact(node.Children[0]) is { } v ? -v : null,
                MathNodeKind.Add => Fold(node.Children, static (a, b) => a + b),
                MathNodeKind.Multiply => Fold(node.Children, static (a, b) => a * b),
                MathNodeKind.Divide => TryExact(node.Children[0]) is { } n && TryExact(node.Children[1]) is { IsZero: false } d ? n / d : null,
                MathNodeKind.Power => ExactPower(node),
                _ => null,
            };
            return result is { IsTooLarge: true } ? null : result;
        }
        catch (DivideByZeroException)
        {
            return null;
        }
    }

    private ExactRational? Fold(IReadOnlyList<MathNode> children, Func<ExactRational, ExactRational, ExactRational> op)
    {
        ExactRational? acc = null;
        foreach (var child in children)
        {
            if (TryExact(child) is not { } value)
                return null;
            acc = acc is { } a ? op(a, value) : value;
            if (acc.Value.IsTooLarge)
                return null;
        }
        return acc;
    }

    private ExactRational? ExactPower(MathNode node)
    {
        if (TryExact(node.Children[1]) is not { } exponent || !exponent.Denominator.IsOne || BigInteger.Abs(exponent.Numerator) > 512)
            return null;
        if (TryExact(node.Children[0]) is not { } b)
            return null;
        var e = (int)exponent.Numerator;
        if (b.IsZero && e < 0)
            return null;
        if ((double)BigInteger.Abs(b.Numerator).GetBitLength() * Math.Abs(e) > ExactRational.MaxBits
            || (double)b.Denominator.GetBitLength() * Math.Abs(e) > ExactRational.MaxBits)
            return null;
        _budget.Tick(Math.Abs(e));
        return b.Pow(e);
    }

    /// <summary>The complex value of a scalar expression at the given variable values (NaN when undefined).</summary>
    public Complex Evaluate(MathNode node, IReadOnlyDictionary<string, Complex> variables)
    {
        var value = Eval(node, variables);
        return double.IsFinite(value.Real) && double.IsFinite(value.Imaginary) ? value : Complex.NaN;
    }

    private Complex Eval(MathNode node, IReadOnlyDictionary<string, Complex> vars)
    {
        _budget.Tick();
        switch (node.Kind)
        {
            case MathNodeKind.Number:
                return node.Value;
            case MathNodeKind.Symbol:
                return vars.TryGetValue(node.Name, out var v) ? v : HashValue(node.Name);
            case MathNodeKind.Constant:
                return node.Name switch { "pi" => Math.PI, "e" => Math.E, "i" => Complex.ImaginaryOne, _ => Complex.NaN };
            case MathNodeKind.Add:
                {
                    Complex sum = 0;
                    foreach (var child in node.Children)
                        sum += Eval(child, vars);
                    return sum;
                }
            case MathNodeKind.Negate:
                return -Eval(node.Children[0], vars);
            case MathNodeKind.Multiply:
                {
                    Complex product = 1;
                    foreach (var child in node.Children)
                        product *= Eval(child, vars);
                    return product;
                }
            case MathNodeKind.Divide:
                {
                    var numerator = Eval(node.Children[0], vars);
                    var denominator = Eval(node.Children[1], vars);
                    return denominator == Complex.Zero ? Complex.NaN : numerator / denominator;
                }
            case MathNodeKind.Power:
                return Power(Eval(node.Children[0], vars), Eval(node.Children[1], vars));
            case MathNodeKind.Function:
                return Function(node, vars);
            default:
                return Complex.NaN;
        }
    }

    private static Complex Power(Complex b, Complex e)
    {
        if (b.Imaginary == 0 && e.Imaginary == 0)
        {
            var x = b.Real;
            var y = e.Real;
            if (x >= 0 || y == Math.Floor(y))
                return x == 0 && y < 0 ? Complex.NaN : Math.Pow(x, y);
        }
        if (b == Complex.Zero)
            return e.Real > 0 ? Complex.Zero : Complex.NaN;
        return Complex.Pow(b, e);
    }

    private Complex Function(MathNode node, IReadOnlyDictionary<string, Complex> vars)
    {
        if (node.Name.StartsWith("fn:", StringComparison.Ordinal))
        {
            var seed = HashValue(node.Name).Real;
            Complex total = seed;
            for (var k = 0; k < node.Children.Count; k++)
                total += Complex.Sin(Eval(node.Children[k], vars) * (1.37 + k + seed)) * (1.5 + k);
            return total;
        }
        var a = Eval(node.Children[0], vars);
        var real = a.Imaginary == 0;
        var x = a.Real;
        switch (node.Name)
        {
            case "sqrt":
                return real && x >= 0 ? Math.Sqrt(x) : Complex.Sqrt(a);
            case "root":
                {
                    var n = Eval(node.Children[1], vars);
                    if (n.Imaginary != 0 || n.Real == 0)
                        return Complex.NaN;
                    if (real && x < 0 && n.Real == Math.Floor(n.Real) && ((long)n.Real & 1) == 1)
                        return -Math.Pow(-x, 1 / n.Real);
                    return real && x >= 0 ? Math.Pow(x, 1 / n.Real) : Complex.Pow(a, 1 / n);
                }
            case "abs":
                return Complex.Abs(a);
            case "sin": return Complex.Sin(a);
            case "cos": return Complex.Cos(a);
            case "tan": return Complex.Tan(a);
            case "sec": return 1 / Complex.Cos(a);
            case "csc": return 1 / Complex.Sin(a);
            case "cot": return 1 / Complex.Tan(a);
            case "arcsin": return Complex.Asin(a);
            case "arccos": return Complex.Acos(a);
            case "arctan": return Complex.Atan(a);
            case "sinh": return Complex.Sinh(a);
            case "cosh": return Complex.Cosh(a);
            case "tanh": return Complex.Tanh(a);
            case "exp": return Complex.Exp(a);
            case "ln": return Log(a);
            case "lg": return Log(a) / Math.Log(10);
            case "log":
                return node.Children.Count == 2 ? Log(a) / Log(Eval(node.Children[1], vars)) : Log(a);
            case "floor":
                return real ? Math.Floor(x) : Complex.NaN;
            case "ceil":
                return real ? Math.Ceiling(x) : Complex.NaN;
            case "factorial":
                return real ? Factorial(x) : Complex.NaN;
            case "binom":
                {
                    var k = Eval(node.Children[1], vars);
                    if (!real || k.Imaginary != 0)
                        return Complex.NaN;
                    return Factorial(x) / (Factorial(k.Real) * Factorial(x - k.Real));
                }
            default:
                return Complex.NaN;
        }
    }

    private static Complex Log(Complex a) => a.Imaginary == 0 && a.Real > 0 ? Math.Log(a.Real) : a == Complex.Zero ? Complex.NaN : Complex.Log(a);

    private static double Factorial(double x)
    {
        if (x < 0 && x == Math.Floor(x))
            return double.NaN;
        if (x == Math.Floor(x) && x <= 170)
        {
            double result = 1;
            for (var i = 2; i <= (int)x; i++)
                result *= i;
            return result;
        }
        return MathNet.Numerics.SpecialFunctions.Gamma(x + 1);
    }

    /// <summary>A fixed pseudo-random value in [0.5, 1.5) derived from a name (stable across processes, unlike string.GetHashCode).</summary>
    public static Complex HashValue(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name)
            hash = (hash ^ c) * 16777619u;
        return 0.5 + (hash % 1_000_003) / 1_000_003.0;
    }

    /// <summary>A matrix expression's value (literal matrices, sums, products, scalar multiples), or null when it is not one.</summary>
    public Complex[,]? EvaluateMatrix(MathNode node, IReadOnlyDictionary<string, Complex> vars)
    {
        _budget.Tick();
        switch (node.Kind)
        {
            case MathNodeKind.Matrix:
                {
                    var m = new Complex[node.Rows, node.Columns];
                    for (var r = 0; r < node.Rows; r++)
                        for (var c = 0; c < node.Columns; c++)
                            m[r, c] = Evaluate(node.Children[r * node.Columns + c], vars);
                    return m;
                }
            case MathNodeKind.Negate:
                return EvaluateMatrix(node.Children[0], vars) is { } inner ? Scale(inner, -1) : null;
            case MathNodeKind.Add:
                {
                    Complex[,]? sum = null;
                    foreach (var child in node.Children)
                    {
                        if (EvaluateMatrix(child, vars) is not { } term || (sum is not null && !SameShape(sum, term)))
                            return null;
                        sum = sum is null ? term : Combine(sum, term);
                    }
                    return sum;
                }
            case MathNodeKind.Multiply:
                {
                    Complex[,]? product = null;
                    Complex scalar = 1;
                    foreach (var child in node.Children)
                    {
                        if (ContainsMatrix(child))
                        {
                            if (EvaluateMatrix(child, vars) is not { } factor)
                                return null;
                            if (product is null)
                                product = factor;
                            else if (product.GetLength(1) == factor.GetLength(0))
                                product = MatMul(product, factor);
                            else
                                return null;
                        }
                        else
                        {
                            scalar *= Evaluate(child, vars);
                        }
                    }
                    return product is null ? null : Scale(product, scalar);
                }
            case MathNodeKind.Divide:
                return !ContainsMatrix(node.Children[1]) && EvaluateMatrix(node.Children[0], vars) is { } top
                    ? Scale(top, 1 / Evaluate(node.Children[1], vars))
                    : null;
            default:
                return null;
        }
    }

    /// <summary>Whether a matrix literal occurs in the expression.</summary>
    public static bool ContainsMatrix(MathNode node) =>
        node.Kind == MathNodeKind.Matrix || (node.Kind is MathNodeKind.Add or MathNodeKind.Multiply or MathNodeKind.Negate or MathNodeKind.Divide && node.Children.Any(ContainsMatrix));

    private static bool SameShape(Complex[,] a, Complex[,] b) => a.GetLength(0) == b.GetLength(0) && a.GetLength(1) == b.GetLength(1);

    private static Complex[,] Scale(Complex[,] m, Complex s)
    {
        var r = new Complex[m.GetLength(0), m.GetLength(1)];
        for (var i = 0; i < m.GetLength(0); i++)
            for (var j = 0; j < m.GetLength(1); j++)
                r[i, j] = m[i, j] * s;
        return r;
    }

    private static Complex[,] Combine(Complex[,] a, Complex[,] b)
    {
        var r = new Complex[a.GetLength(0), a.GetLength(1)];
        for (var i = 0; i < a.GetLength(0); i++)
            for (var j = 0; j < a.GetLength(1); j++)
                r[i, j] = a[i, j] + b[i, j];
        return r;
    }

    private Complex[,] MatMul(Complex[,] a, Complex[,] b)
    {
        var rows = a.GetLength(0);
        var inner = a.GetLength(1);
        var cols = b.GetLength(1);
        _budget.Tick(rows * inner * cols);
        var r = new Complex[rows, cols];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
            {
                Complex s = 0;
                for (var k = 0; k < inner; k++)
                    s += a[i, k] * b[k, j];
                r[i, j] = s;
            }
        return r;
    }
}

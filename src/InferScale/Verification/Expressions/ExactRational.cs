using System.Globalization;
using System.Numerics;

namespace InferScale.Verification.Expressions;

/// <summary>An exact fraction of big integers, reduced, denominator positive. Used to compare rational answers exactly.</summary>
internal readonly record struct ExactRational(BigInteger Numerator, BigInteger Denominator)
{
    /// <summary>Operands above this many bits are not evaluated exactly (the comparer falls back to doubles).</summary>
    public const int MaxBits = 4096;

    public static ExactRational Create(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
            throw new DivideByZeroException();
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsOne && !gcd.IsZero)
        {
            numerator /= gcd;
            denominator /= gcd;
        }
        return new ExactRational(numerator, denominator);
    }

    /// <summary>Parses a decimal literal such as <c>16386.20</c> exactly.</summary>
    public static ExactRational Parse(string literal)
    {
        var dot = literal.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
            return new ExactRational(BigInteger.Parse(literal, NumberStyles.None, CultureInfo.InvariantCulture), BigInteger.One);
        var digits = literal.Remove(dot, 1);
        var scale = BigInteger.Pow(10, literal.Length - dot - 1);
        return Create(BigInteger.Parse(digits.Length == 0 ? "0" : digits, NumberStyles.None, CultureInfo.InvariantCulture), scale);
    }

    public bool IsZero => Numerator.IsZero;

    public bool IsTooLarge => Numerator.GetBitLength() > MaxBits || Denominator.GetBitLength() > MaxBits;

    public static ExactRational operator +(ExactRational a, ExactRational b) =>
        Create(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static ExactRational operator -(ExactRational a) => new(-a.Numerator, a.Denominator);

    public static ExactRational operator *(ExactRational a, ExactRational b) =>
        Create(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static ExactRational operator /(ExactRational a, ExactRational b) =>
        Create(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public ExactRational Pow(int exponent)
    {
        if (exponent < 0)
            return Create(BigInteger.Pow(Denominator, -exponent), BigInteger.Pow(Numerator, -exponent));
        return new ExactRational(BigInteger.Pow(Numerator, exponent), BigInteger.Pow(Denominator, exponent));
    }

    public double ToDouble() => (double)Numerator / (double)Denominator;
}

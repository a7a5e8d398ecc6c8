using System.Globalization;

namespace InferScale.Tasks.Arith;

/// <summary>
/// How often each level 1–5 appears in the arith training stream: integer weights, laid out as a repeating cycle of
/// <c>sum(weights)</c> problems (weights 1,1,2,3,3 give the levels 1,2,3,3,4,4,4,5,5,5, then again). The
/// <see cref="Uniform"/> mix (1,1,1,1,1) is the stream every shipped model before it was trained on, problem for problem.
/// Values compare by their weights, so a checkpoint can tell whether a resumed run uses the same mix.
/// </summary>
public sealed class ArithLevelMix : IEquatable<ArithLevelMix>
{
    /// <summary>Largest weight accepted (keeps the cycle short and the notation readable).</summary>
    public const int MaxWeight = 100;

    private readonly int[] _weights;
    private readonly int[] _cycle;

    /// <summary>Every level once per cycle of five: levels 1, 2, 3, 4, 5, 1, 2, …</summary>
    public static ArithLevelMix Uniform { get; } = new([1, 1, 1, 1, 1]);

    /// <summary>A mix with these five weights (levels 1 to 5), each in 0…<see cref="MaxWeight"/> and not all zero.</summary>
    /// <exception cref="ArgumentException">Not five weights, a weight out of range, or all zero.</exception>
    public ArithLevelMix(IReadOnlyList<int> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count != 5)
            throw new ArgumentException($"A level mix has five weights (levels 1 to 5); got {weights.Count}.", nameof(weights));
        if (weights.Any(w => w is < 0 or > MaxWeight))
            throw new ArgumentException($"Level weights must be whole numbers from 0 to {MaxWeight}; got {Format(weights)}.", nameof(weights));
        if (weights.All(w => w == 0))
            throw new ArgumentException("At least one level weight must be above 0.", nameof(weights));
        _weights = [.. weights];
        _cycle = new int[_weights.Sum()];
        var at = 0;
        for (var level = 1; level <= 5; level++)
        {
            for (var i = 0; i < _weights[level - 1]; i++)
                _cycle[at++] = level;
        }
    }

    /// <summary>The five weights, level 1 first.</summary>
    public IReadOnlyList<int> Weights => _weights;

    /// <summary>Whether this is the <see cref="Uniform"/> mix.</summary>
    public bool IsUniform => Equals(Uniform);

    /// <summary>The level of training problem <paramref name="index"/>: position <c>index mod sum(weights)</c> of the cycle.</summary>
    public int LevelOf(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return _cycle[(int)(index % _cycle.Length)];
    }

    /// <summary>Share of training problems at <paramref name="level"/> (1–5).</summary>
    public double Share(int level) => (double)_weights[ArithLevel.Of(level).Level - 1] / _cycle.Length;

    /// <summary>Parses five comma-separated whole numbers, e.g. <c>1,1,2,3,3</c>.</summary>
    /// <exception cref="FormatException">Not five whole numbers from 0 to <see cref="MaxWeight"/>, not all zero; the message quotes the text.</exception>
    public static ArithLevelMix Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var weights = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out weights[i]))
                throw new FormatException($"'{text}' is not a level mix: write five whole numbers separated by commas, the weights of levels 1 to 5 (e.g. 1,1,2,3,3).");
        }
        try
        {
            return new ArithLevelMix(weights);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"'{text}' is not a level mix: {ex.Message.Split(" (Parameter", 2)[0]}", ex);
        }
    }

    /// <inheritdoc />
    public bool Equals(ArithLevelMix? other) => other is not null && _weights.AsSpan().SequenceEqual(other._weights);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ArithLevelMix);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var w in _weights)
            hash.Add(w);
        return hash.ToHashCode();
    }

    /// <summary>The weights as <see cref="Parse"/> reads them, e.g. <c>1,1,2,3,3</c>.</summary>
    public override string ToString() => Format(_weights);

    private static string Format(IEnumerable<int> weights) => string.Join(",", weights.Select(w => w.ToString(CultureInfo.InvariantCulture)));
}

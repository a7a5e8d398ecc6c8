namespace InferScale.Verification.Expressions;

/// <summary>An immutable node of a parsed math answer.</summary>
internal sealed class MathNode
{
    private static readonly IReadOnlyList<MathNode> NoChildren = [];

    private MathNode(MathNodeKind kind, string name, IReadOnlyList<MathNode> children)
    {
        Kind = kind;
        Name = name;
        Children = children;
    }

    /// <summary>The node's kind.</summary>
    public MathNodeKind Kind { get; }

    /// <summary>Symbol, constant or function name; the literal for numbers.</summary>
    public string Name { get; }

    /// <summary>Sub-expressions.</summary>
    public IReadOnlyList<MathNode> Children { get; }

    /// <summary>The value of a number literal.</summary>
    public double Value { get; private init; }

    /// <summary>Digits after the decimal point of a number literal written with one (0 for integers).</summary>
    public int Decimals { get; private init; }

    /// <summary>Whether a number literal was written with a decimal point.</summary>
    public bool IsDecimal { get; private init; }

    /// <summary>Relation operators between consecutive children.</summary>
    public IReadOnlyList<string> Operators { get; private init; } = [];

    /// <summary>Interval: left end open.</summary>
    public bool LeftOpen { get; private init; }

    /// <summary>Interval: right end open.</summary>
    public bool RightOpen { get; private init; }

    /// <summary>Matrix: number of columns.</summary>
    public int Columns { get; private init; }

    /// <summary>Matrix: number of rows.</summary>
    public int Rows => Columns == 0 ? 0 : Children.Count / Columns;

    public static MathNode Number(string literal, double value, bool isDecimal, int decimals) =>
        new(MathNodeKind.Number, literal, NoChildren) { Value = value, IsDecimal = isDecimal, Decimals = decimals };

    public static MathNode Integer(long value) => Number(value.ToString(System.Globalization.CultureInfo.InvariantCulture), value, false, 0);

    public static MathNode Symbol(string name) => new(MathNodeKind.Symbol, name, NoChildren);

    public static MathNode Constant(string name) => new(MathNodeKind.Constant, name, NoChildren);

    public static MathNode Of(MathNodeKind kind, params MathNode[] children) => new(kind, string.Empty, children);

    public static MathNode Of(MathNodeKind kind, IReadOnlyList<MathNode> children) => new(kind, string.Empty, children);

    public static MathNode Function(string name, params MathNode[] args) => new(MathNodeKind.Function, name, args);

    public static MathNode Relation(IReadOnlyList<MathNode> operands, IReadOnlyList<string> operators) =>
        new(MathNodeKind.Relation, string.Empty, operands) { Operators = operators };

    public static MathNode Interval(MathNode left, MathNode right, bool leftOpen, bool rightOpen) =>
        new(MathNodeKind.Interval, string.Empty, [left, right]) { LeftOpen = leftOpen, RightOpen = rightOpen };

    public static MathNode Matrix(IReadOnlyList<MathNode> cells, int columns) =>
        new(MathNodeKind.Matrix, string.Empty, cells) { Columns = columns };

    /// <summary>A copy of this node with other children (same kind, name and flags).</summary>
    public MathNode WithChildren(IReadOnlyList<MathNode> children) =>
        new(Kind, Name, children)
        {
            Value = Value, IsDecimal = IsDecimal, Decimals = Decimals, Operators = Operators,
            LeftOpen = LeftOpen, RightOpen = RightOpen, Columns = Columns,
        };

    /// <summary>Whether this is a collection (tuple, set, list, interval or union).</summary>
    public bool IsCollection => Kind is MathNodeKind.Tuple or MathNodeKind.Set or MathNodeKind.List or MathNodeKind.Interval or MathNodeKind.Union;

    /// <inheritdoc />
    public override string ToString() => MathPrinter.Print(this);
}

using System.Numerics;

namespace InferScale.Verification.Expressions;

/// <summary>
/// Decides whether a predicted answer tree is equivalent to a gold answer tree, following Math-Verify's rules:
/// assignments (<c>x = 3</c> vs <c>3</c>), relations up to a constant factor or a flip, sets unordered and de-duplicated
/// where the gold is a set or a bare list, tuples ordered, intervals with matching ends, matrices element-wise, and
/// scalar expressions exactly (rationals), numerically (constants) or at seeded random points (variables).
/// One instance per comparison (it carries the budget); not thread-safe.
/// </summary>
internal sealed class MathComparer
{
    private const int MaxAlternatives = 16;
    private const int MaxCollection = 256;
    private readonly MathBudget _budget;
    private readonly MathEvaluator _evaluator;
    private readonly double _tolerance;
    private readonly int _seed;
    private readonly int _points;
    private readonly bool _roundedDecimals;

    public MathComparer(MathBudget budget, double tolerance, int seed, int points, bool roundedDecimals)
    {
        _budget = budget;
        _evaluator = new MathEvaluator(budget);
        _tolerance = tolerance;
        _seed = seed;
        _points = points;
        _roundedDecimals = roundedDecimals;
    }

    public bool Equivalent(MathNode gold, MathNode predicted) => Eq(Prepare(gold), Prepare(predicted));

    private MathNode Prepare(MathNode node)
    {
        _budget.Tick();
        if (node.Kind == MathNodeKind.Relation && node.Operators is ["∈"])
            return Prepare(node.Children[1]);
        if (node.Kind is MathNodeKind.List or MathNodeKind.Set or MathNodeKind.Tuple)
        {
            var items = new List<MathNode>();
            foreach (var child in node.Children)
            {
                var item = IsAssignment(child) ? LastRhs(child) : child;
                item = Prepare(item);
                if (node.Kind != MathNodeKind.Tuple && item.Kind == MathNodeKind.List && child.Kind != MathNodeKind.List)
                    items.AddRange(item.Children);
                else
                    items.Add(item);
            }
            return node.WithChildren(items);
        }
        if (node.Kind != MathNodeKind.Relation && !node.IsCollection && ContainsPlusMinus(node))
        {
            var alternatives = Alternatives(node);
            return alternatives.Count == 1 ? alternatives[0] : MathNode.Of(MathNodeKind.List, alternatives);
        }
        return node;
    }

    private static bool ContainsPlusMinus(MathNode node) =>
        node.Kind == MathNodeKind.PlusMinus || node.Children.Any(ContainsPlusMinus);

    private List<MathNode> Alternatives(MathNode node)
    {
        _budget.Tick();
        if (!ContainsPlusMinus(node))
            return [node];
        if (node.Kind == MathNodeKind.PlusMinus)
        {
            var result = new List<MathNode>();
            foreach (var a in Alternatives(node.Children[0]))
                foreach (var b in Alternatives(node.Children[1]))
                {
                    result.Add(MathNode.Of(MathNodeKind.Add, a, b));
                    result.Add(MathNode.Of(MathNodeKind.Add, a, MathNode.Of(MathNodeKind.Negate, b)));
                }
            return result.Count > MaxAlternatives ? [node] : result;
        }
        var combos = new List<List<MathNode>> { new() };
        foreach (var child in node.Children)
        {
            var options = Alternatives(child);
            var next = new List<List<MathNode>>();
            foreach (var prefix in combos)
                foreach (var option in options)
                    next.Add([.. prefix, option]);
            if (next.Count > MaxAlternatives)
                return [node];
            combos = next;
        }
        return combos.Select(node.WithChildren).ToList();
    }

    private bool Eq(MathNode g, MathNode p)
    {
        _budget.Tick();
        if (MathPrinter.Print(g) == MathPrinter.Print(p))
            return true;
        if (g.Kind == MathNodeKind.Relation && g.Operators is ["∈"])
            g = Prepare(g.Children[1]);
        if (p.Kind == MathNodeKind.Relation && p.Operators is ["∈"])
            p = Prepare(p.Children[1]);
        var gEquation = IsEquation(g);
        var pEquation = IsEquation(p);
        var gAssignment = IsAssignment(g);
        if (gAssignment)
            g = MathNode.Relation([g.Children[0], LastRhs(g)], ["="]);
        if (IsAssignment(p))
            p = MathNode.Relation([p.Children[0], LastRhs(p)], ["="]);
        if (pEquation && !gEquation)
            p = Prepare(LastRhs(p));
        else if (gAssignment && !pEquation)
            g = Prepare(LastRhs(g));

        if (g.Kind == MathNodeKind.Relation && p.Kind == MathNodeKind.Relation)
            return CompareRelations(g, p);
        if (g.Kind == MathNodeKind.Relation)
            return IsSetLike(p) && RelationVersusSet(g, p);
        if (p.Kind == MathNodeKind.Relation)
            return false;
        if (g.IsCollection || p.IsCollection)
            return CompareCollections(g, p);
        if (MathEvaluator.ContainsMatrix(g) || MathEvaluator.ContainsMatrix(p))
            return CompareMatrices(g, p);
        return CompareScalars(g, p);
    }

    private static bool IsEquation(MathNode node) =>
        node.Kind == MathNodeKind.Relation && node.Operators.Count > 0 && node.Operators.All(op => op is "=" or "≈");

    private static bool IsAssignment(MathNode node) => IsEquation(node) && IsSymbolsOnly(node.Children[0]);

    private static bool IsSymbolsOnly(MathNode node)
    {
        var hasSymbol = false;
        return Walk(node, ref hasSymbol) && hasSymbol;

        static bool Walk(MathNode n, ref bool hasSymbol)
        {
            switch (n.Kind)
            {
                case MathNodeKind.Number or MathNodeKind.Constant or MathNodeKind.Matrix or MathNodeKind.Relation:
                    return false;
                case MathNodeKind.Symbol:
                    hasSymbol = true;
                    return true;
            }
            if (n.Kind == MathNodeKind.Function && n.Name.StartsWith("fn:", StringComparison.Ordinal))
                hasSymbol = true;
            foreach (var child in n.Children)
                if (!Walk(child, ref hasSymbol))
                    return false;
            return true;
        }
    }

    private static MathNode LastRhs(MathNode relation)
    {
        var ops = relation.Operators;
        for (var i = ops.Count - 1; i >= 0; i--)
            if (ops[i] == "=")
                return relation.Children[i + 1];
        return relation.Children[^1];
    }

    private static bool IsSetLike(MathNode node) =>
        node.Kind is MathNodeKind.Interval or MathNodeKind.Union || (node.Kind == MathNodeKind.Tuple && node.Children.Count == 2);

    private static string Canonical(string op) => op == "≈" ? "=" : op;

    private static string? Flip(string op) => op switch { "<" => ">", ">" => "<", "≤" => "≥", "≥" => "≤", _ => null };

    private bool CompareRelations(MathNode g, MathNode p)
    {
        if (g.Children.Count == 2 && p.Children.Count == 2)
        {
            var og = Canonical(g.Operators[0]);
            var op = Canonical(p.Operators[0]);
            if (og == op && Eq(g.Children[0], p.Children[0]) && Eq(g.Children[1], p.Children[1]))
                return true;
            var flipped = Flip(og);
            if (flipped == op && Eq(g.Children[0], p.Children[1]) && Eq(g.Children[1], p.Children[0]))
                return true;
            if (og is "∈" || op is "∈" || !IsScalar(g) || !IsScalar(p))
                return false;
            if (og == op)
                return Proportional(g, p, og is "=" or "≠" ? 0 : 1);
            return flipped == op && Proportional(g, p, -1);
        }
        if (ToInterval(g) is { } gi && ToInterval(p) is { } pi && MathPrinter.Print(gi.Variable) == MathPrinter.Print(pi.Variable))
            return CompareCollections(gi.Set, pi.Set);
        if (g.Operators.Count != p.Operators.Count || !g.Operators.Select(Canonical).SequenceEqual(p.Operators.Select(Canonical)))
            return false;
        for (var i = 0; i < g.Children.Count; i++)
            if (!Eq(g.Children[i], p.Children[i]))
                return false;
        return true;
    }

    private static bool IsScalar(MathNode relation) =>
        relation.Children.All(c => !c.IsCollection && !MathEvaluator.ContainsMatrix(c) && c.Kind != MathNodeKind.Relation);

    /// <summary>Whether gold's (lhs − rhs) is a constant multiple of pred's, with the sign required (0: any non-zero).</summary>
    private bool Proportional(MathNode g, MathNode p, int sign)
    {
        var variables = Variables(g, p);
        Complex? ratio = null;
        var valid = 0;
        foreach (var point in Points(variables))
        {
            var gl = _evaluator.Evaluate(g.Children[0], point);
            var gr = _evaluator.Evaluate(g.Children[1], point);
            var pl = _evaluator.Evaluate(p.Children[0], point);
            var pr = _evaluator.Evaluate(p.Children[1], point);
            if (IsNaN(gl) || IsNaN(gr) || IsNaN(pl) || IsNaN(pr))
                continue;
            valid++;
            var dg = gl - gr;
            var dp = pl - pr;
            var gZero = Complex.Abs(dg) <= _tolerance * Scale(gl, gr);
            var pZero = Complex.Abs(dp) <= _tolerance * Scale(pl, pr);
            if (gZero || pZero)
            {
                if (gZero != pZero)
                    return false;
                continue;
            }
            var r = dg / dp;
            if (ratio is { } previous)
            {
                if (Complex.Abs(r - previous) > 1e-6 * Math.Max(1, Complex.Abs(previous)))
                    return false;
            }
            else
            {
                if (Math.Abs(r.Imaginary) > 1e-9 * Math.Max(1, Math.Abs(r.Real)) || (sign != 0 && Math.Sign(r.Real) != sign))
                    return false;
                ratio = r;
            }
        }
        return valid > 0;
    }

    private static double Scale(Complex a, Complex b) => Math.Max(1, Math.Max(Complex.Abs(a), Complex.Abs(b)));

    private static bool IsNaN(Complex c) => double.IsNaN(c.Real) || double.IsNaN(c.Imaginary);

    private sealed record IntervalForm(MathNode Variable, MathNode Set);

    /// <summary><c>a &lt; X ≤ b</c>, <c>X &gt; a</c> and similar as an interval in X, or null.</summary>
    private IntervalForm? ToInterval(MathNode relation)
    {
        var ops = relation.Operators;
        var c = relation.Children;
        var inf = MathNode.Constant("inf");
        var negInf = MathNode.Of(MathNodeKind.Negate, inf);
        if (ops.Count == 2 && Direction(ops[0]) is { } d0 && Direction(ops[1]) == d0 && IsConstant(c[0]) && IsConstant(c[2]) && !IsConstant(c[1]))
        {
            return d0 > 0
                ? new IntervalForm(c[1], MathNode.Interval(c[0], c[2], ops[0] == "<", ops[1] == "<"))
                : new IntervalForm(c[1], MathNode.Interval(c[2], c[0], ops[1] == ">", ops[0] == ">"));
        }
        if (ops.Count == 1 && Direction(ops[0]) is { } d)
        {
            var strict = ops[0] is "<" or ">";
            if (IsConstant(c[1]) && !IsConstant(c[0]))
                return d > 0 ? new IntervalForm(c[0], MathNode.Interval(negInf, c[1], true, strict)) : new IntervalForm(c[0], MathNode.Interval(c[1], inf, strict, true));
            if (IsConstant(c[0]) && !IsConstant(c[1]))
                return d > 0 ? new IntervalForm(c[1], MathNode.Interval(c[0], inf, strict, true)) : new IntervalForm(c[1], MathNode.Interval(negInf, c[0], true, strict));
        }
        return null;
    }

    private static int? Direction(string op) => op switch { "<" or "≤" => 1, ">" or "≥" => -1, _ => null };

    private static bool IsConstant(MathNode node) => Variables(node).Count == 0 && !HasUserFunction(node);

    private static bool HasUserFunction(MathNode node) =>
        (node.Kind == MathNodeKind.Function && node.Name.StartsWith("fn:", StringComparison.Ordinal)) || node.Children.Any(HasUserFunction);

    private bool RelationVersusSet(MathNode relation, MathNode set)
    {
        var setForm = set.Kind == MathNodeKind.Tuple ? MathNode.Interval(set.Children[0], set.Children[1], true, true) : set;
        if (ToInterval(relation) is { } form)
        {
            var opaque = form.Variable.Kind == MathNodeKind.Symbol || (form.Variable.Kind == MathNodeKind.Function && form.Variable.Name.StartsWith("fn:", StringComparison.Ordinal));
            if (opaque)
                return CompareCollections(form.Set, setForm);
        }
        var variables = Variables(relation);
        if (variables.Count != 1)
            return false;
        var intervals = setForm.Kind == MathNodeKind.Union ? setForm.Children : [setForm];
        var bounds = new List<(double Left, double Right, bool LeftOpen, bool RightOpen)>();
        foreach (var interval in intervals)
        {
            if (interval.Kind != MathNodeKind.Interval)
                return false;
            bounds.Add((Bound(interval.Children[0]), Bound(interval.Children[1]), interval.LeftOpen, interval.RightOpen));
        }
        var ends = bounds.SelectMany(b => new[] { b.Left, b.Right }).Where(double.IsFinite).Distinct().Order().ToList();
        var tests = new List<double>();
        foreach (var e in ends)
        {
            var delta = 1e-3 * Math.Max(1, Math.Abs(e));
            tests.AddRange([e, e - delta, e + delta]);
        }
        for (var i = 0; i + 1 < ends.Count; i++)
            tests.Add((ends[i] + ends[i + 1]) / 2);
        tests.Add(ends.Count == 0 ? -10 : ends[0] - 1 - Math.Abs(ends[0]));
        tests.Add(ends.Count == 0 ? 10 : ends[^1] + 1 + Math.Abs(ends[^1]));
        tests.Add(ends.Count == 0 ? 0.5 : ends[0] + 0.37);
        var name = variables.First();
        foreach (var x in tests)
        {
            _budget.Tick();
            var point = new Dictionary<string, Complex>(StringComparer.Ordinal) { [name] = x };
            var inRelation = Holds(relation, point);
            var inSet = bounds.Any(b => Inside(x, b.Left, b.Right, b.LeftOpen, b.RightOpen));
            if (inRelation != inSet)
                return false;
        }
        return true;
    }

    private double Bound(MathNode node)
    {
        if (node.Kind == MathNodeKind.Constant && node.Name == "inf")
            return double.PositiveInfinity;
        if (node.Kind == MathNodeKind.Negate && node.Children[0] is { Kind: MathNodeKind.Constant, Name: "inf" })
            return double.NegativeInfinity;
        var value = _evaluator.Evaluate(node, new Dictionary<string, Complex>());
        return value.Imaginary == 0 ? value.Real : double.NaN;
    }

    private static bool Inside(double x, double left, double right, bool leftOpen, bool rightOpen)
    {
        var eps = 1e-9 * Math.Max(1, Math.Abs(x));
        var afterLeft = leftOpen ? x > left + eps : x >= left - eps;
        var beforeRight = rightOpen ? x < right - eps : x <= right + eps;
        return afterLeft && beforeRight;
    }

    private bool Holds(MathNode relation, IReadOnlyDictionary<string, Complex> point)
    {
        for (var i = 0; i < relation.Operators.Count; i++)
        {
            var l = _evaluator.Evaluate(relation.Children[i], point);
            var r = _evaluator.Evaluate(relation.Children[i + 1], point);
            if (IsNaN(l) || IsNaN(r) || Math.Abs(l.Imaginary) > 1e-9 || Math.Abs(r.Imaginary) > 1e-9)
                return false;
            var eps = 1e-9 * Scale(l, r);
            var ok = relation.Operators[i] switch
            {
                "<" => l.Real < r.Real - eps,
                "≤" => l.Real <= r.Real + eps,
                ">" => l.Real > r.Real + eps,
                "≥" => l.Real >= r.Real - eps,
                "=" or "≈" => Math.Abs(l.Real - r.Real) <= eps,
                "≠" => Math.Abs(l.Real - r.Real) > eps,
                _ => false,
            };
            if (!ok)
                return false;
        }
        return true;
    }

    private bool CompareCollections(MathNode g, MathNode p)
    {
        if (g.Kind == MathNodeKind.Interval && p.Kind == MathNodeKind.Interval)
            return g.LeftOpen == p.LeftOpen && g.RightOpen == p.RightOpen && Eq(g.Children[0], p.Children[0]) && Eq(g.Children[1], p.Children[1]);
        if (g.Kind == MathNodeKind.Interval && p.Kind == MathNodeKind.Tuple && p.Children.Count == 2)
            return g.LeftOpen && g.RightOpen && Ordered(g.Children, p.Children);
        if (p.Kind == MathNodeKind.Interval && g.Kind == MathNodeKind.Tuple && g.Children.Count == 2)
            return p.LeftOpen && p.RightOpen && Ordered(g.Children, p.Children);
        if (g.Kind == MathNodeKind.Union || p.Kind == MathNodeKind.Union)
        {
            var gParts = g.Kind == MathNodeKind.Union ? g.Children : [g];
            var pParts = p.Kind == MathNodeKind.Union ? p.Children : [p];
            return Unordered(gParts, pParts, dedupe: false);
        }
        if (g.Kind == MathNodeKind.Interval || p.Kind == MathNodeKind.Interval)
            return false;
        var pItems = p.Kind is MathNodeKind.Tuple or MathNodeKind.Set or MathNodeKind.List ? p.Children : [p];
        switch (g.Kind)
        {
            case MathNodeKind.Set or MathNodeKind.List:
                return Unordered(g.Children, pItems, dedupe: true);
            case MathNodeKind.Tuple:
                return p.Kind switch
                {
                    MathNodeKind.Tuple or MathNodeKind.List => Ordered(g.Children, p.Children),
                    MathNodeKind.Set => Unordered(g.Children, p.Children, dedupe: true),
                    _ => false,
                };
            default:
                return p.Kind is MathNodeKind.List or MathNodeKind.Set && p.Children.Count == 1 && Eq(g, p.Children[0]);
        }
    }

    private bool Ordered(IReadOnlyList<MathNode> g, IReadOnlyList<MathNode> p)
    {
        if (g.Count != p.Count)
            return false;
        for (var i = 0; i < g.Count; i++)
            if (!Eq(g[i], p[i]))
                return false;
        return true;
    }

    private bool Unordered(IReadOnlyList<MathNode> g, IReadOnlyList<MathNode> p, bool dedupe)
    {
        if (g.Count > MaxCollection || p.Count > MaxCollection)
            return false;
        var gs = dedupe ? Distinct(g) : g;
        var ps = dedupe ? Distinct(p) : p;
        if (gs.Count != ps.Count)
            return false;
        var used = new bool[ps.Count];
        foreach (var item in gs)
        {
            var found = false;
            for (var j = 0; j < ps.Count && !found; j++)
            {
                if (!used[j] && Eq(item, ps[j]))
                {
                    used[j] = true;
                    found = true;
                }
            }
            if (!found)
                return false;
        }
        return true;
    }

    private List<MathNode> Distinct(IReadOnlyList<MathNode> items)
    {
        var kept = new List<MathNode>();
        foreach (var item in items)
            if (!kept.Any(k => Eq(k, item)))
                kept.Add(item);
        return kept;
    }

    private bool CompareMatrices(MathNode g, MathNode p)
    {
        if (g.Kind == MathNodeKind.Matrix && p.Kind == MathNodeKind.Matrix)
        {
            if (g.Rows != p.Rows || g.Columns != p.Columns)
                return false;
            for (var i = 0; i < g.Children.Count; i++)
                if (!Eq(g.Children[i], p.Children[i]))
                    return false;
            return true;
        }
        foreach (var point in Points(Variables(g, p)))
        {
            var gm = _evaluator.EvaluateMatrix(g, point);
            var pm = _evaluator.EvaluateMatrix(p, point);
            if (gm is null || pm is null || gm.GetLength(0) != pm.GetLength(0) || gm.GetLength(1) != pm.GetLength(1))
                return false;
            for (var r = 0; r < gm.GetLength(0); r++)
                for (var c = 0; c < gm.GetLength(1); c++)
                    if (IsNaN(gm[r, c]) || IsNaN(pm[r, c]) || Complex.Abs(gm[r, c] - pm[r, c]) > _tolerance * Scale(gm[r, c], pm[r, c]))
                        return false;
        }
        return true;
    }

    private bool CompareScalars(MathNode g, MathNode p)
    {
        if (WordOf(g) is { } gWord && WordOf(p) is { } pWord && (gWord.Length > 1 || pWord.Length > 1))
            return string.Equals(gWord, pWord, StringComparison.OrdinalIgnoreCase);
        var gInf = InfinitySign(g);
        var pInf = InfinitySign(p);
        if (gInf != 0 || pInf != 0)
            return gInf == pInf;
        var gDecimal = HasDecimal(g);
        var pDecimal = HasDecimal(p);
        if (!gDecimal && !pDecimal && _evaluator.TryExact(g) is { } ge && _evaluator.TryExact(p) is { } pe)
            return ge == pe;
        var rounding = 0.0;
        if (_roundedDecimals && gDecimal != pDecimal)
        {
            var places = DecimalPlaces(gDecimal ? g : p);
            if (places >= 2)
                rounding = 0.5 * Math.Pow(10, -places) * (1 + 1e-9);
        }
        var valid = 0;
        foreach (var point in Points(Variables(g, p)))
        {
            var a = _evaluator.Evaluate(g, point);
            var b = _evaluator.Evaluate(p, point);
            var aNaN = IsNaN(a);
            var bNaN = IsNaN(b);
            if (aNaN && bNaN)
                continue;
            if (aNaN || bNaN)
                return false;
            var diff = Complex.Abs(a - b);
            var scale = Scale(a, b);
            var tolerance = gDecimal || pDecimal ? Math.Max(rounding, Math.Max(5e-7, _tolerance * scale)) : _tolerance * scale;
            if (diff > tolerance)
                return false;
            valid++;
        }
        return valid > 0;
    }

    /// <summary>A word spelled by a symbol or a product of letters (<c>odd</c> is o·d·d in LaTeX), or null.</summary>
    private static string? WordOf(MathNode node)
    {
        switch (node.Kind)
        {
            case MathNodeKind.Symbol when node.Name.All(char.IsLetter):
                return node.Name;
            case MathNodeKind.Constant when node.Name is "e" or "i":
                return node.Name;
            case MathNodeKind.Multiply:
                var parts = new System.Text.StringBuilder();
                foreach (var child in node.Children)
                {
                    if (WordOf(child) is not { } part)
                        return null;
                    parts.Append(part);
                }
                return parts.ToString();
            default:
                return null;
        }
    }

    private static int InfinitySign(MathNode node) => node switch
    {
        { Kind: MathNodeKind.Constant, Name: "inf" } => 1,
        { Kind: MathNodeKind.Negate } => -InfinitySign(node.Children[0]),
        _ => 0,
    };

    private static bool HasDecimal(MathNode node) =>
        (node.Kind == MathNodeKind.Number && node.IsDecimal) || node.Children.Any(HasDecimal);

    private static int DecimalPlaces(MathNode node) => node switch
    {
        { Kind: MathNodeKind.Number, IsDecimal: true } => node.Decimals,
        { Kind: MathNodeKind.Negate } => DecimalPlaces(node.Children[0]),
        _ => 0,
    };

    private static SortedSet<string> Variables(params MathNode[] nodes)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
            Collect(node, names);
        return names;

        static void Collect(MathNode n, SortedSet<string> names)
        {
            if (n.Kind == MathNodeKind.Symbol)
                names.Add(n.Name);
            foreach (var child in n.Children)
                Collect(child, names);
        }
    }

    private IEnumerable<Dictionary<string, Complex>> Points(SortedSet<string> variables)
    {
        if (variables.Count == 0)
        {
            yield return new Dictionary<string, Complex>(StringComparer.Ordinal);
            yield break;
        }
        var random = new Random(_seed);
        for (var k = 0; k < _points; k++)
        {
            var point = new Dictionary<string, Complex>(StringComparer.Ordinal);
            foreach (var name in variables)
                point[name] = 0.3 + 1.7 * random.NextDouble();
            yield return point;
        }
    }
}

using System.Globalization;

namespace InferScale.Verification.Expressions;

/// <summary>
/// Recursive-descent parser from the tokens of a cleaned LaTeX / plain-math answer to a <see cref="MathNode"/> tree.
/// Depth is capped and every node counts against the <see cref="MathBudget"/>, so hostile input fails fast.
/// </summary>
internal sealed class MathParser
{
    private const int MaxDepth = 200;

    private static readonly HashSet<string> FunctionCommands = new(StringComparer.Ordinal)
    {
        "sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "ln", "log", "lg", "exp",
    };

    private static readonly HashSet<string> Greek = new(StringComparer.Ordinal)
    {
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa", "lambda", "mu",
        "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi",
        "Sigma", "Phi", "Psi", "Omega", "ell",
    };

    private static readonly HashSet<string> Decorations = new(StringComparer.Ordinal)
    {
        "overline", "vec", "hat", "bar", "tilde", "widehat", "widetilde", "overrightarrow", "underline", "mathbb", "mathcal", "dot",
    };

    private static readonly HashSet<string> MatrixEnvironments = new(StringComparer.Ordinal)
    {
        "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "matrix", "smallmatrix", "array",
    };

    private const string FunctionLetters = "fghFGHPQW";

    private readonly List<MathToken> _tokens;
    private readonly MathBudget _budget;
    private int _pos;
    private int _depth;
    private int _absDepth;

    private MathParser(List<MathToken> tokens, MathBudget budget)
    {
        _tokens = tokens;
        _budget = budget;
    }

    /// <summary>Parses a whole cleaned answer; throws <see cref="MathParseException"/> when it is not well-formed math.</summary>
    public static MathNode Parse(string cleaned, MathBudget budget)
    {
        var parser = new MathParser(MathTokenizer.Tokenize(cleaned, budget), budget);
        var node = parser.ParseTop();
        if (parser.Peek.Kind != MathTokenKind.EndOfInput)
            throw new MathParseException($"unexpected '{parser.Peek.Text}'");
        if (Depth(node) > MaxTreeDepth)
            throw new MathParseException("expression nested too deeply");
        return node;
    }

    private const int MaxTreeDepth = 200;

    private static int Depth(MathNode root)
    {
        var max = 0;
        var stack = new Stack<(MathNode Node, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (depth > max)
                max = depth;
            if (max > MaxTreeDepth)
                return max;
            foreach (var child in node.Children)
                stack.Push((child, depth + 1));
        }
        return max;
    }

    private MathToken Peek => _tokens[_pos];

    private MathToken Next() => _tokens[_pos++];

    private void Expect(string op)
    {
        if (!Peek.Is(op))
            throw new MathParseException($"expected '{op}' but found '{Peek.Text}'");
        _pos++;
    }

    private MathNode ParseTop()
    {
        var groups = new List<MathNode>();
        while (true)
        {
            var items = new List<MathNode>();
            while (true)
            {
                if (Peek.Is(","))
                {
                    _pos++;
                    continue;
                }
                if (Peek.Kind == MathTokenKind.EndOfInput || Peek.Is(";"))
                    break;
                items.Add(ParseRelation());
                if (Peek.Is(","))
                    _pos++;
                else
                    break;
            }
            if (items.Count > 0)
                groups.Add(items.Count == 1 ? items[0] : MathNode.Of(MathNodeKind.List, items));
            if (!Peek.Is(";"))
                break;
            _pos++;
        }
        return groups.Count switch
        {
            0 => throw new MathParseException("empty answer"),
            1 => groups[0],
            _ => MathNode.Of(MathNodeKind.List, groups),
        };
    }

    private static bool IsRelationOperator(MathToken token) =>
        token.Kind == MathTokenKind.Operator && token.Text is "=" or "<" or ">" or "≤" or "≥" or "≠" or "≈" or "∈";

    private MathNode ParseRelation()
    {
        var first = ParseSetExpression();
        if (!IsRelationOperator(Peek))
            return first;
        var operands = new List<MathNode> { first };
        var operators = new List<string>();
        while (IsRelationOperator(Peek))
        {
            operators.Add(Next().Text);
            operands.Add(ParseSetExpression());
        }
        return MathNode.Relation(operands, operators);
    }

    private MathNode ParseSetExpression()
    {
        var first = ParseSum();
        if (!Peek.Is("∪"))
            return first;
        var parts = new List<MathNode> { first };
        while (Peek.Is("∪"))
        {
            _pos++;
            parts.Add(ParseSum());
        }
        return MathNode.Of(MathNodeKind.Union, parts);
    }

    private MathNode ParseSum()
    {
        var terms = new List<MathNode> { ParseTerm() };
        while (true)
        {
            if (Peek.Is("+"))
            {
                _pos++;
                terms.Add(ParseTerm());
            }
            else if (Peek.Is("-"))
            {
                _pos++;
                terms.Add(MathNode.Of(MathNodeKind.Negate, ParseTerm()));
            }
            else if (Peek.Is("±"))
            {
                _pos++;
                var left = terms.Count == 1 ? terms[0] : MathNode.Of(MathNodeKind.Add, terms.ToArray());
                terms = [MathNode.Of(MathNodeKind.PlusMinus, left, ParseTerm())];
            }
            else
            {
                break;
            }
        }
        return terms.Count == 1 ? terms[0] : MathNode.Of(MathNodeKind.Add, terms);
    }

    private MathNode ParseTerm()
    {
        var current = ParseUnary();
        while (true)
        {
            if (Peek.Is("*"))
            {
                _pos++;
                current = Multiply(current, ParseUnary());
            }
            else if (Peek.Is("/") || Peek.Is(":"))
            {
                _pos++;
                current = MathNode.Of(MathNodeKind.Divide, current, ParseUnary());
            }
            else if (StartsImplicitFactor(Peek))
            {
                var factor = ParsePower();
                current = IsMixedNumber(current, factor) ? MathNode.Of(MathNodeKind.Add, current, factor) : Multiply(current, factor);
            }
            else
            {
                return current;
            }
        }
    }

    /// <summary><c>1\frac{1}{2}</c>: an integer directly followed by a fraction of integers is a mixed number.</summary>
    private static bool IsMixedNumber(MathNode left, MathNode right) =>
        left is { Kind: MathNodeKind.Number, IsDecimal: false } && right.Kind == MathNodeKind.Divide
        && right.Children.All(c => c is { Kind: MathNodeKind.Number, IsDecimal: false });

    private static MathNode Multiply(MathNode left, MathNode right)
    {
        if (left.Kind == MathNodeKind.Multiply)
            return MathNode.Of(MathNodeKind.Multiply, [.. left.Children, right]);
        return MathNode.Of(MathNodeKind.Multiply, left, right);
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
            throw new MathParseException("expression nested too deeply");
        _budget.Tick();
    }

    private MathNode ParseUnary()
    {
        Enter();
        try
        {
            return ParseUnaryCore();
        }
        finally
        {
            _depth--;
        }
    }

    private MathNode ParseUnaryCore()
    {
        if (Peek.Is("-"))
        {
            _pos++;
            return MathNode.Of(MathNodeKind.Negate, ParseUnary());
        }
        if (Peek.Is("+"))
        {
            _pos++;
            return ParseUnary();
        }
        if (Peek.Is("±"))
        {
            _pos++;
            return MathNode.Of(MathNodeKind.PlusMinus, MathNode.Integer(0), ParseUnary());
        }
        return ParsePower();
    }

    private MathNode ParsePower()
    {
        var node = ParsePostfix();
        while (Peek.Is("^"))
        {
            _pos++;
            node = MathNode.Of(MathNodeKind.Power, node, ParseExponent());
            while (Peek.Is("!"))
            {
                _pos++;
                node = MathNode.Function("factorial", node);
            }
        }
        return node;
    }

    private MathNode ParseExponent()
    {
        Enter();
        try
        {
            return ParseExponentCore();
        }
        finally
        {
            _depth--;
        }
    }

    private MathNode ParseExponentCore()
    {
        if (Peek.Is("-"))
        {
            _pos++;
            return MathNode.Of(MathNodeKind.Negate, ParseExponent());
        }
        if (Peek.Is("+"))
        {
            _pos++;
            return ParseExponent();
        }
        return ReadArgument();
    }

    private MathNode ParsePostfix()
    {
        var node = ParsePrimary();
        while (true)
        {
            if (Peek.Is("!"))
            {
                _pos++;
                node = MathNode.Function("factorial", node);
            }
            else if (Peek.Is("_"))
            {
                _pos++;
                node = Subscript(node, ReadRawArgument());
            }
            else if (Peek.Is("'") && node.Kind == MathNodeKind.Symbol)
            {
                _pos++;
                node = MathNode.Symbol(node.Name + "'");
            }
            else
            {
                return node;
            }
        }
    }

    private static MathNode Subscript(MathNode node, string subscript)
    {
        if (node.Kind == MathNodeKind.Symbol)
            return MathNode.Symbol(node.Name + "_" + subscript);
        if (node.Kind == MathNodeKind.Number && !node.IsDecimal && int.TryParse(subscript, NumberStyles.None, CultureInfo.InvariantCulture, out var radix) && radix is >= 2 and <= 36)
        {
            double value = 0;
            foreach (var digit in node.Name)
            {
                var d = digit - '0';
                if (d >= radix)
                    throw new MathParseException($"digit {digit} is not valid in base {radix}");
                value = value * radix + d;
            }
            return MathNode.Number(node.Name + "_" + subscript, value, false, 0);
        }
        if (node.Kind == MathNodeKind.Function)
            return node;
        throw new MathParseException("unexpected subscript");
    }

    private string ReadRawArgument()
    {
        if (Peek.Is("{"))
        {
            _pos++;
            var depth = 1;
            var parts = new List<string>();
            while (true)
            {
                _budget.Tick();
                var token = Next();
                if (token.Kind == MathTokenKind.EndOfInput)
                    throw new MathParseException("unclosed subscript");
                if (token.Is("{"))
                    depth++;
                else if (token.Is("}") && --depth == 0)
                    break;
                parts.Add(token.Text);
            }
            return string.Concat(parts);
        }
        var next = Next();
        if (next.Kind == MathTokenKind.EndOfInput)
            throw new MathParseException("missing subscript");
        return next.Text;
    }

    private MathNode ReadArgument()
    {
        var token = Peek;
        if (token.Is("{"))
        {
            _pos++;
            var inner = ParseGroupContents("}");
            Expect("}");
            return inner;
        }
        if (token.Kind == MathTokenKind.Number && token.Text.Length > 1 && !token.Text.Contains('.', StringComparison.Ordinal))
        {
            // \frac12: each argument is one digit.
            _tokens[_pos] = new MathToken(MathTokenKind.Number, token.Text[1..]);
            return NumberNode(token.Text[..1]);
        }
        if (token.Kind is MathTokenKind.Number or MathTokenKind.Letter or MathTokenKind.Command or MathTokenKind.Word)
            return ParsePrimary();
        throw new MathParseException($"expected an argument but found '{token.Text}'");
    }

    private MathNode ParseGroupContents(string closer)
    {
        var items = new List<MathNode>();
        while (!Peek.Is(closer))
        {
            items.Add(ParseRelation());
            if (Peek.Is(",") || Peek.Is(";"))
                _pos++;
            else
                break;
        }
        return items.Count switch
        {
            0 => throw new MathParseException("empty group"),
            1 => items[0],
            _ => MathNode.Of(MathNodeKind.List, items),
        };
    }

    private static MathNode NumberNode(string literal)
    {
        var normalized = literal.StartsWith('.') ? "0" + literal : literal;
        var value = double.Parse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var dot = normalized.IndexOf('.', StringComparison.Ordinal);
        return MathNode.Number(normalized, value, dot >= 0, dot >= 0 ? normalized.Length - dot - 1 : 0);
    }

    private bool StartsImplicitFactor(MathToken token) => token.Kind switch
    {
        MathTokenKind.Number or MathTokenKind.Letter or MathTokenKind.Word or MathTokenKind.Begin => true,
        MathTokenKind.Operator => token.Text == "(" || token.Text == "{" || (token.Text == "|" && _absDepth == 0),
        MathTokenKind.Command => token.Text is not ("rfloor" or "rceil" or "hline"),
        _ => false,
    };

    private MathNode ParsePrimary()
    {
        Enter();
        try
        {
            var token = Next();
            switch (token.Kind)
            {
                case MathTokenKind.Number:
                    return NumberNode(token.Text);
                case MathTokenKind.Letter:
                    return ParseLetter(token.Text);
                case MathTokenKind.Word:
                    return MathNode.Symbol(token.Text.ToLowerInvariant());
                case MathTokenKind.Command:
                    return ParseCommand(token.Text);
                case MathTokenKind.Begin:
                    return ParseMatrix(token.Text);
                case MathTokenKind.Operator:
                    return token.Text switch
                    {
                        "(" or "[" or "\\{" or "{" => ParseBracketed(token.Text),
                        "|" => ParseAbs(),
                        _ => throw new MathParseException($"unexpected '{token.Text}'"),
                    };
                default:
                    throw new MathParseException("unexpected end of answer");
            }
        }
        finally
        {
            _depth--;
        }
    }

    private MathNode ParseLetter(string letter)
    {
        if (Peek.Is("(") && FunctionLetters.Contains(letter, StringComparison.Ordinal))
        {
            _pos++;
            var args = ParseGroupContents(")");
            Expect(")");
            return MathNode.Function("fn:" + letter, args.Kind == MathNodeKind.List ? [.. args.Children] : [args]);
        }
        return letter switch
        {
            "e" => MathNode.Constant("e"),
            "i" => MathNode.Constant("i"),
            _ => MathNode.Symbol(letter),
        };
    }

    private MathNode ParseAbs()
    {
        _absDepth++;
        var inner = ParseSum();
        _absDepth--;
        Expect("|");
        return MathNode.Function("abs", inner);
    }

    private MathNode ParseCommand(string name)
    {
        switch (name)
        {
            case "frac":
                {
                    var numerator = ReadArgument();
                    return MathNode.Of(MathNodeKind.Divide, numerator, ReadArgument());
                }
            case "binom":
                {
                    var n = ReadArgument();
                    return MathNode.Function("binom", n, ReadArgument());
                }
            case "sqrt":
                if (Peek.Is("["))
                {
                    _pos++;
                    var index = ParseSum();
                    Expect("]");
                    return MathNode.Function("root", ReadArgument(), index);
                }
                return MathNode.Function("sqrt", ReadArgument());
            case "pi":
                return MathNode.Constant("pi");
            case "infty" or "infin":
                return MathNode.Constant("inf");
            case "emptyset" or "varnothing":
                return MathNode.Of(MathNodeKind.Set, Array.Empty<MathNode>());
            case "lfloor" or "lceil":
                {
                    var inner = ParseSum();
                    var close = Next();
                    if (!close.IsCommand(name == "lfloor" ? "rfloor" : "rceil"))
                        throw new MathParseException($"unclosed \\{name}");
                    return MathNode.Function(name == "lfloor" ? "floor" : "ceil", inner);
                }
        }
        if (Greek.Contains(name))
            return MathNode.Symbol(name);
        if (Decorations.Contains(name))
            return ReadArgument();
        if (FunctionCommands.Contains(name))
            return ParseFunctionCall(name);
        throw new MathParseException($"unsupported command '\\{name}'");
    }

    private MathNode ParseFunctionCall(string name)
    {
        MathNode? power = null;
        MathNode? logBase = null;
        while (Peek.Is("^") || Peek.Is("_"))
        {
            var isPower = Next().Text == "^";
            var argument = isPower ? ParseExponent() : ReadArgument();
            if (isPower)
                power = argument;
            else
                logBase = argument;
        }
        MathNode arg;
        if (Peek.Is("("))
        {
            _pos++;
            arg = ParseGroupContents(")");
            Expect(")");
        }
        else
        {
            arg = ParsePower();
            while (StartsImplicitFactor(Peek) && !(Peek.Kind == MathTokenKind.Command && FunctionCommands.Contains(Peek.Text)))
                arg = Multiply(arg, ParsePower());
        }
        var call = logBase is null ? MathNode.Function(name, arg) : MathNode.Function(name, arg, logBase);
        return power is null ? call : MathNode.Of(MathNodeKind.Power, call, power);
    }

    private MathNode ParseBracketed(string open)
    {
        var items = new List<MathNode>();
        string close;
        while (true)
        {
            var peek = Peek;
            if (peek.Kind == MathTokenKind.Operator && IsCloser(open, peek.Text))
            {
                close = peek.Text;
                _pos++;
                break;
            }
            if (peek.Kind == MathTokenKind.EndOfInput)
                throw new MathParseException($"unclosed '{open}'");
            items.Add(ParseRelation());
            if (Peek.Is(",") || Peek.Is(";"))
                _pos++;
            else if (!(Peek.Kind == MathTokenKind.Operator && IsCloser(open, Peek.Text)))
                throw new MathParseException($"unexpected '{Peek.Text}' inside '{open}'");
        }
        if (open == "\\{")
            return MathNode.Of(MathNodeKind.Set, items);
        if (items.Count == 0)
            throw new MathParseException("empty brackets");
        if (open == "{")
            return items.Count == 1 ? items[0] : MathNode.Of(MathNodeKind.List, items);
        var leftOpen = open == "(";
        var rightOpen = close == ")";
        if (items.Count == 1)
        {
            if (leftOpen != rightOpen)
                throw new MathParseException("mismatched brackets");
            return items[0];
        }
        if (items.Count == 2 && (leftOpen != rightOpen || !leftOpen || IsInfinite(items[0]) || IsInfinite(items[1])))
            return MathNode.Interval(items[0], items[1], leftOpen, rightOpen);
        if (leftOpen != rightOpen)
            throw new MathParseException("mismatched brackets");
        return MathNode.Of(MathNodeKind.Tuple, items);
    }

    private static bool IsInfinite(MathNode node) =>
        (node.Kind == MathNodeKind.Constant && node.Name == "inf") || (node.Kind == MathNodeKind.Negate && IsInfinite(node.Children[0]));

    private static bool IsCloser(string open, string text) => open switch
    {
        "(" or "[" => text is ")" or "]",
        "\\{" => text == "\\}",
        _ => text == "}",
    };

    private MathNode ParseMatrix(string environment)
    {
        if (!MatrixEnvironments.Contains(environment))
            throw new MathParseException($"unsupported environment '{environment}'");
        if (environment == "array" && Peek.Is("{"))
            ReadRawArgument();
        var rows = new List<List<MathNode>>();
        var row = new List<MathNode>();
        while (true)
        {
            _budget.Tick();
            var peek = Peek;
            if (peek.Kind == MathTokenKind.End)
            {
                _pos++;
                if (row.Count > 0)
                    rows.Add(row);
                break;
            }
            if (peek.Kind == MathTokenKind.EndOfInput)
                throw new MathParseException($"unclosed {environment}");
            if (peek.IsCommand("hline"))
            {
                _pos++;
                continue;
            }
            row.Add(ParseRelation());
            if (Peek.Is("&"))
            {
                _pos++;
            }
            else if (Peek.Is("\\\\"))
            {
                _pos++;
                rows.Add(row);
                row = [];
            }
            else if (Peek.Kind != MathTokenKind.End)
            {
                throw new MathParseException($"unexpected '{Peek.Text}' in matrix");
            }
        }
        if (rows.Count == 0)
            throw new MathParseException("empty matrix");
        var columns = rows[0].Count;
        if (rows.Any(r => r.Count != columns))
            throw new MathParseException("ragged matrix");
        return MathNode.Matrix(rows.SelectMany(r => r).ToArray(), columns);
    }
}

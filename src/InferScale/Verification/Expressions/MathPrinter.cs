using System.Globalization;
using System.Text;

namespace InferScale.Verification.Expressions;

/// <summary>Prints a <see cref="MathNode"/> as canonical LaTeX-like text (numbers normalised, fixed spacing).</summary>
internal static class MathPrinter
{
    public static string Print(MathNode node)
    {
        var sb = new StringBuilder();
        Append(sb, node);
        return sb.ToString();
    }

    /// <summary>The canonical text of a number literal: no leading zeros, no trailing fractional zeros.</summary>
    public static string NormalizeNumber(string literal)
    {
        var text = literal;
        var underscore = text.IndexOf('_', StringComparison.Ordinal);
        if (underscore >= 0)
            return text;
        if (text.Contains('.', StringComparison.Ordinal))
            text = text.TrimEnd('0').TrimEnd('.');
        text = text.TrimStart('0');
        if (text.Length == 0 || text[0] == '.')
            text = "0" + text;
        return text;
    }

    private static void Append(StringBuilder sb, MathNode node)
    {
        switch (node.Kind)
        {
            case MathNodeKind.Number:
                sb.Append(NormalizeNumber(node.Name));
                break;
            case MathNodeKind.Symbol:
                sb.Append(node.Name.Length > 1 && node.Name.All(char.IsLetter) && !node.Name.Contains('_', StringComparison.Ordinal) ? "\\text{" + node.Name + "}" : node.Name);
                break;
            case MathNodeKind.Constant:
                sb.Append(node.Name switch { "pi" => "\\pi", "inf" => "\\infty", _ => node.Name });
                break;
            case MathNodeKind.Add:
                for (var i = 0; i < node.Children.Count; i++)
                {
                    var child = node.Children[i];
                    if (child.Kind == MathNodeKind.Negate)
                    {
                        sb.Append(i == 0 ? "-" : " - ");
                        AppendWrapped(sb, child.Children[0], MathNodeKind.Add);
                    }
                    else
                    {
                        if (i > 0)
                            sb.Append(" + ");
                        Append(sb, child);
                    }
                }
                break;
            case MathNodeKind.Negate:
                sb.Append('-');
                AppendWrapped(sb, node.Children[0], MathNodeKind.Negate);
                break;
            case MathNodeKind.Multiply:
                for (var i = 0; i < node.Children.Count; i++)
                {
                    if (i > 0)
                        sb.Append(" * ");
                    AppendWrapped(sb, node.Children[i], MathNodeKind.Multiply);
                }
                break;
            case MathNodeKind.Divide:
                sb.Append("\\frac{");
                Append(sb, node.Children[0]);
                sb.Append("}{");
                Append(sb, node.Children[1]);
                sb.Append('}');
                break;
            case MathNodeKind.Power:
                AppendWrapped(sb, node.Children[0], MathNodeKind.Power);
                sb.Append("^{");
                Append(sb, node.Children[1]);
                sb.Append('}');
                break;
            case MathNodeKind.PlusMinus:
                Append(sb, node.Children[0]);
                sb.Append(" \\pm ");
                AppendWrapped(sb, node.Children[1], MathNodeKind.Add);
                break;
            case MathNodeKind.Function:
                AppendFunction(sb, node);
                break;
            case MathNodeKind.Relation:
                for (var i = 0; i < node.Children.Count; i++)
                {
                    if (i > 0)
                        sb.Append(' ').Append(RelationText(node.Operators[i - 1])).Append(' ');
                    Append(sb, node.Children[i]);
                }
                break;
            case MathNodeKind.Tuple:
                AppendJoined(sb, node.Children, "(", ")");
                break;
            case MathNodeKind.Set:
                AppendJoined(sb, node.Children, "\\{", "\\}");
                break;
            case MathNodeKind.List:
                AppendJoined(sb, node.Children, string.Empty, string.Empty);
                break;
            case MathNodeKind.Interval:
                AppendJoined(sb, node.Children, node.LeftOpen ? "(" : "[", node.RightOpen ? ")" : "]");
                break;
            case MathNodeKind.Union:
                for (var i = 0; i < node.Children.Count; i++)
                {
                    if (i > 0)
                        sb.Append(" \\cup ");
                    Append(sb, node.Children[i]);
                }
                break;
            case MathNodeKind.Matrix:
                sb.Append("\\begin{pmatrix}");
                for (var r = 0; r < node.Rows; r++)
                {
                    if (r > 0)
                        sb.Append(" \\\\ ");
                    for (var c = 0; c < node.Columns; c++)
                    {
                        if (c > 0)
                            sb.Append(" & ");
                        Append(sb, node.Children[r * node.Columns + c]);
                    }
                }
                sb.Append("\\end{pmatrix}");
                break;
            default:
                throw new InvalidOperationException($"unknown node kind {node.Kind}");
        }
    }

    private static string RelationText(string op) => op switch
    {
        "≤" => "\\le", "≥" => "\\ge", "≠" => "\\ne", "≈" => "\\approx", "∈" => "\\in", _ => op,
    };

    private static void AppendFunction(StringBuilder sb, MathNode node)
    {
        switch (node.Name)
        {
            case "sqrt":
                sb.Append("\\sqrt{");
                Append(sb, node.Children[0]);
                sb.Append('}');
                return;
            case "root":
                sb.Append("\\sqrt[");
                Append(sb, node.Children[1]);
                sb.Append("]{");
                Append(sb, node.Children[0]);
                sb.Append('}');
                return;
            case "abs":
                sb.Append('|');
                Append(sb, node.Children[0]);
                sb.Append('|');
                return;
            case "factorial":
                AppendWrapped(sb, node.Children[0], MathNodeKind.Power);
                sb.Append('!');
                return;
        }
        var name = node.Name.StartsWith("fn:", StringComparison.Ordinal) ? node.Name[3..] : "\\" + node.Name;
        sb.Append(name);
        if (node.Name == "log" && node.Children.Count == 2)
        {
            sb.Append("_{");
            Append(sb, node.Children[1]);
            sb.Append('}');
            AppendJoined(sb, [node.Children[0]], "(", ")");
            return;
        }
        AppendJoined(sb, node.Children, "(", ")");
    }

    private static void AppendJoined(StringBuilder sb, IReadOnlyList<MathNode> items, string open, string close)
    {
        sb.Append(open);
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
                sb.Append(", ");
            Append(sb, items[i]);
        }
        sb.Append(close);
    }

    private static void AppendWrapped(StringBuilder sb, MathNode child, MathNodeKind parent)
    {
        var atomic = child.Kind is MathNodeKind.Number or MathNodeKind.Symbol or MathNodeKind.Constant or MathNodeKind.Function
            or MathNodeKind.Divide or MathNodeKind.Matrix or MathNodeKind.Tuple
            || (parent == MathNodeKind.Add && child.Kind is MathNodeKind.Multiply or MathNodeKind.Power)
            || (parent is MathNodeKind.Multiply or MathNodeKind.Negate && child.Kind == MathNodeKind.Power);
        if (child.Kind == MathNodeKind.Number && child.Value < 0)
            atomic = false;
        if (atomic)
        {
            Append(sb, child);
            return;
        }
        sb.Append('(');
        Append(sb, child);
        sb.Append(')');
    }

    /// <summary>Formats a double compactly and culture-invariantly.</summary>
    public static string FormatDouble(double value) => value.ToString("G12", CultureInfo.InvariantCulture);
}

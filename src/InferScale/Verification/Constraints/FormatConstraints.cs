using System.Text.Json;
using System.Text.RegularExpressions;

namespace InferScale.Verification.Constraints;

/// <summary>IFEval's <c>detectable_format:*</c> family.</summary>
internal static partial class FormatConstraints
{
    private static readonly string[] ConstrainedOptions = ["My answer is yes.", "My answer is no.", "My answer is maybe."];

    public static IEnumerable<KeyValuePair<string, Func<string, ConstraintArguments, InstructionConstraint>>> Factories()
    {
        yield return new("detectable_format:number_bullet_lists", (id, a) =>
        {
            int n = a.GetInt("num_bullets");
            return new(id, $"Exactly {n} markdown bullet points.", r => StarBullet().Count(r) + DashBullet().Count(r) == n);
        });
        yield return new("detectable_format:constrained_response", (id, _) =>
            new(id, "Answer with one of: " + string.Join(" / ", ConstrainedOptions), r =>
            {
                var t = r.Trim();
                return ConstrainedOptions.Any(o => t.Contains(o, StringComparison.Ordinal));
            }));
        yield return new("detectable_format:number_highlighted_sections", (id, a) =>
        {
            int n = a.GetInt("num_highlights");
            return new(id, $"Highlight at least {n} sections with markdown, i.e. *highlighted section*.", r => CountHighlights(r) >= n);
        });
        yield return new("detectable_format:multiple_sections", (id, a) =>
        {
            var splitter = a.GetString("section_spliter").Trim();
            int n = a.GetInt("num_sections");
            var pattern = new Regex(@"\s?" + splitter + @"\s?\d+\s?", RegexOptions.None, TimeSpan.FromSeconds(1));
            return new(id, $"{n} sections, each starting with '{splitter} X'.", r => pattern.Split(r).Length - 1 >= n);
        });
        yield return new("detectable_format:json_format", (id, _) => new(id, "Entire output wrapped in JSON.", IsJson));
        yield return new("detectable_format:title", (id, _) => new(id, "A title wrapped in double angular brackets, such as <<poem of joy>>.",
            r => Title().Matches(r).Any(m => m.Value.TrimStart('<').TrimEnd('>').Trim().Length > 0)));
    }

    private static int CountHighlights(string response)
    {
        var count = Highlight().Matches(response).Count(m => m.Value.Trim('*').Trim().Length > 0);
        count += DoubleHighlight().Matches(response).Count(m => m.Value[2..^2].Trim().Length > 0);
        return count;
    }

    private static bool IsJson(string response)
    {
        var value = response.Trim();
        foreach (var prefix in (string[])["```json", "```Json", "```JSON", "```"])
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                value = value[prefix.Length..];
                break;
            }
        }
        if (value.EndsWith("```", StringComparison.Ordinal))
            value = value[..^3];
        value = value.Trim();
        try
        {
            using var _ = JsonDocument.Parse(value, new JsonDocumentOptions { MaxDepth = 256 });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\s*\*[^\*].*$", RegexOptions.Multiline, 1000)]
    private static partial Regex StarBullet();

    [GeneratedRegex(@"^\s*-.*$", RegexOptions.Multiline, 1000)]
    private static partial Regex DashBullet();

    [GeneratedRegex(@"\*[^\n\*]*\*", RegexOptions.None, 1000)]
    private static partial Regex Highlight();

    [GeneratedRegex(@"\*\*[^\n\*]*\*\*", RegexOptions.None, 1000)]
    private static partial Regex DoubleHighlight();

    [GeneratedRegex(@"<<[^\n]+>>", RegexOptions.None, 1000)]
    private static partial Regex Title();
}

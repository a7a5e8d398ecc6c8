using System.Text.RegularExpressions;

namespace InferScale.Verification.Constraints;

/// <summary>IFEval's <c>detectable_content:*</c>, <c>punctuation:*</c>, <c>startend:*</c> and <c>combination:*</c> families.</summary>
internal static partial class ContentConstraints
{
    public static IEnumerable<KeyValuePair<string, Func<string, ConstraintArguments, InstructionConstraint>>> Factories()
    {
        yield return new("detectable_content:number_placeholders", (id, a) =>
        {
            int n = a.GetInt("num_placeholders");
            return new(id, $"At least {n} placeholders in square brackets, such as [address].", r => Placeholder().Count(r) >= n);
        });
        yield return new("detectable_content:postscript", (id, a) =>
        {
            var marker = a.GetString("postscript_marker").Trim();
            var pattern = marker switch
            {
                "P.P.S" => @"\s*p\.\s?p\.\s?s.*$",
                "P.S." => @"\s*p\.\s?s\..*$",
                _ => @"\s*" + marker.ToLowerInvariant() + ".*$",
            };
            var regex = new Regex(pattern, RegexOptions.Multiline, TimeSpan.FromSeconds(1));
            return new(id, $"End with a postscript starting with {marker}.", r => regex.IsMatch(r.ToLowerInvariant()));
        });
        yield return new("punctuation:no_comma", (id, _) => new(id, "Do not use any commas.", r => !r.Contains(',', StringComparison.Ordinal)));
        yield return new("startend:end_checker", (id, a) =>
        {
            var end = a.GetString("end_phrase").Trim().ToLowerInvariant();
            return new(id, $"Finish with the exact phrase '{end}'.", r => r.Trim().Trim('"').ToLowerInvariant().EndsWith(end, StringComparison.Ordinal));
        });
        yield return new("startend:quotation", (id, _) => new(id, "Wrap the entire response in double quotation marks.", r =>
        {
            var t = r.Trim();
            return t.Length > 1 && t[0] == '"' && t[^1] == '"';
        }));
        yield return new("combination:two_responses", (id, _) => new(id, "Give two different responses separated by ******.", TwoResponses));
        yield return new("combination:repeat_prompt", (id, a) =>
        {
            var prompt = a.GetString("prompt_to_repeat").Trim().ToLowerInvariant();
            return new(id, "First repeat the request word for word, then answer.", r => r.Trim().ToLowerInvariant().StartsWith(prompt, StringComparison.Ordinal));
        });
    }

    private static bool TwoResponses(string response)
    {
        var parts = response.Split("******");
        var valid = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Trim().Length == 0)
            {
                if (i != 0 && i != parts.Length - 1)
                    return false;
            }
            else
            {
                valid.Add(parts[i]);
            }
        }
        return valid.Count == 2 && valid[0].Trim() != valid[1].Trim();
    }

    [GeneratedRegex(@"\[.*?\]", RegexOptions.None, 1000)]
    private static partial Regex Placeholder();
}

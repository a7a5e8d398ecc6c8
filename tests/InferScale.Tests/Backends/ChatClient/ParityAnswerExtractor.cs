using System.Globalization;
using System.Text.RegularExpressions;
using InferScale.Verification;

namespace InferScale.Tests.Backends.ChatClient;

/// <summary>Extracts "even"/"odd" from the test server's token <c>t1-N</c>, or null when absent.</summary>
internal sealed partial class ParityAnswerExtractor : IAnswerExtractor
{
    public string? Extract(string text)
    {
        var m = Token().Match(text);
        return m.Success ? (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) % 2 == 0 ? " even " : "odd") : null;
    }

    [GeneratedRegex(@"\bt1-(\d+)")]
    private static partial Regex Token();
}

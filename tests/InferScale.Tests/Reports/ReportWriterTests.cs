using System.Text.Json;
using System.Text.RegularExpressions;
using InferScale.Experiments.Results;
using InferScale.Reports;
using static InferScale.Tests.Reports.ReportTestData;

namespace InferScale.Tests.Reports;

public sealed class ReportWriterTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("inferscale-report-");

    public void Dispose() => _dir.Delete(recursive: true);

    private const string Hostile = "m</script><img src=x onerror=alert(1)>|a,\"b\"\n<!--";

    private static ReportInput Synthetic(ComputeOptimalSection? co = null) => new()
    {
        ExperimentName = "exp <b>&\"quoted\"",
        Outcomes =
        [
            Case(Hostile, "majority", 2, 1, [Problem("p,1", "1", true, 100, 1e6), Problem("p\"2\"", "2", false, 300, 3e6)], new Dictionary<string, JsonElement> { ["note"] = Json("\"x|y</script>\"") }),
            Case(Hostile, "majority", 4, 1, [Problem("p,1", "1", true, 200, 2e6), Problem("p\"2\"", "2", true, 600, 6e6)], new Dictionary<string, JsonElement> { ["note"] = Json("\"x|y</script>\"") }),
            Case(Hostile, "greedy", 1, 1, [Problem("p,1", "1", false, 50, 5e5), Problem("p\"2\"", "2", true, 60, 6e5)]),
        ],
        Models = [new ModelInfo { Name = Hostile, Parameters = 1000 }],
        Seed = 3,
        WallTime = TimeSpan.FromSeconds(12.5),
        ComputeOptimal = co,
    };

    [Fact]
    public async Task WriteAsync_SameInput_ByteIdenticalFiles()
    {
        var input = await RealRunAsync();
        var a = await ReportWriter.WriteAsync(Path.Combine(_dir.FullName, "a"), input);
        var b = await ReportWriter.WriteAsync(Path.Combine(_dir.FullName, "b"), input with { Outcomes = [.. input.Outcomes.Reverse()] });
        foreach (var name in new[] { "summary.json", "summary.md", "results.csv", "problems.csv", "report.html" })
        {
            var left = await File.ReadAllBytesAsync(Path.Combine(_dir.FullName, "a", name));
            Assert.True(left.Length > 100, name);
            var right = await File.ReadAllBytesAsync(Path.Combine(_dir.FullName, "b", name));
            Assert.True(left.SequenceEqual(right), $"{name} differs between two writes of the same outcomes");
        }
        Assert.Equal(Path.Combine(_dir.FullName, "a", "report.html"), a.Html);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir.FullName, "a"), "*.tmp"));
        Assert.NotEqual(a.Html, b.Html);
    }

    [Fact]
    public async Task WriteAsync_RealRun_SummaryJsonHoldsTheContract()
    {
        var input = await RealRunAsync();
        var files = await ReportWriter.WriteAsync(_dir.FullName, input);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(files.SummaryJson));
        var root = doc.RootElement;

        var rows = root.GetProperty("strategies").EnumerateArray().ToList();
        Assert.Equal(input.Outcomes.Select(o => (o.Strategy, o.Budget)).Distinct().Count(), rows.Count);
        foreach (var row in rows)
        {
            Assert.Equal(ReportTestData.RealModel, row.GetProperty("model").GetString());
            Assert.Equal(JsonValueKind.Object, row.GetProperty("params").ValueKind);
            Assert.Equal("samples", row.GetProperty("budget_kind").GetString());
            var accuracy = row.GetProperty("accuracy").GetDouble();
            var ci = row.GetProperty("ci").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(2, ci.Length);
            Assert.InRange(accuracy, ci[0], ci[1]);
            Assert.True(row.GetProperty("tokens").GetDouble() > 0);
            Assert.True(row.GetProperty("flops").GetDouble() > 0);
            Assert.Equal(10, row.GetProperty("problems").GetInt32());
            Assert.Equal(["1", "2", "3", "4", "5"], row.GetProperty("by_level").EnumerateObject().Select(p => p.Name));
            Assert.True(row.TryGetProperty("budget", out _) && row.TryGetProperty("strategy", out _) && row.TryGetProperty("seeds", out _));
        }

        // More samples never cost fewer tokens, and pass-at-k (any sample right) is never below majority at the same budget.
        var majority = rows.Where(r => r.GetProperty("strategy").GetString() == "majority").ToList();
        var passAtK = rows.Where(r => r.GetProperty("strategy").GetString() == "pass-at-k").ToList();
        Assert.True(majority.Zip(majority.Skip(1)).All(p => p.First.GetProperty("tokens").GetDouble() < p.Second.GetProperty("tokens").GetDouble()));
        Assert.All(majority.Zip(passAtK), p => Assert.True(p.Second.GetProperty("accuracy").GetDouble() >= p.First.GetProperty("accuracy").GetDouble()));

        var co = root.GetProperty("compute_optimal");
        foreach (var field in new[] { "bon64_accuracy", "bon64_tokens", "tokens_to_match_bon64", "curve", "choices" })
            Assert.Equal(JsonValueKind.Null, co.GetProperty(field).ValueKind);
        Assert.Contains("only one policy model", root.GetProperty("exchange_rate").GetProperty("note").GetString());
        Assert.Equal(2, root.GetProperty("scaling_laws").GetArrayLength());
        Assert.True(root.GetProperty("frontier").GetProperty("tokens").GetArrayLength() > 0);
        Assert.True(root.GetProperty("level_winners").GetArrayLength() > 0);
    }

    [Fact]
    public async Task WriteAsync_ComputeOptimalGiven_WrittenToJsonMarkdownAndHtml()
    {
        var co = new ComputeOptimalSection
        {
            BonAccuracy = 0.55,
            BonTokens = 6400,
            TokensToMatch = 1600,
            Curve = [new("compute-optimal@4", 4, 400, 4e8, 0.5), new("compute-optimal@16", 16, 1600, 1.6e9, 0.56)],
            Choices = [new("1", "0.80–1.00", "majority", "temperature=0.8", 4, 0.9)],
        };
        var files = await ReportWriter.WriteAsync(_dir.FullName, Synthetic(co));
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(files.SummaryJson));
        var json = doc.RootElement.GetProperty("compute_optimal");
        Assert.Equal(0.55, json.GetProperty("bon64_accuracy").GetDouble());
        Assert.Equal(6400, json.GetProperty("bon64_tokens").GetDouble());
        Assert.Equal(1600, json.GetProperty("tokens_to_match_bon64").GetDouble());
        Assert.Equal(2, json.GetProperty("curve").GetArrayLength());
        Assert.Equal("0.80–1.00", json.GetProperty("choices")[0].GetProperty("difficulty_range").GetString());

        var md = await File.ReadAllTextAsync(files.SummaryMarkdown);
        Assert.Contains("| 55.0% | 6,400 | 1,600 |", md);
        Assert.Contains("0.80–1.00", md);
        Assert.Contains("plot-compute-optimal", HtmlReport.PlotIds(files.Summary));
    }

    [Fact]
    public async Task WriteAsync_HostileNames_EscapedInEveryFile()
    {
        var files = await ReportWriter.WriteAsync(_dir.FullName, Synthetic());

        var html = await File.ReadAllTextAsync(files.Html);
        // Outside script elements (the bundled libraries hold their own markup templates) no name became markup.
        var markup = Regex.Replace(html, "<script[^>]*>.*?</script>", "", RegexOptions.Singleline);
        Assert.DoesNotContain("<img", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", markup, StringComparison.Ordinal);
        Assert.Contains("m&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;|a,&quot;b&quot;", html);
        // Every <script> element closes where the report closed it: the library scripts, the error hook, the specs and the embed call.
        Assert.Equal(Regex.Matches(html, "<script[ >]", RegexOptions.IgnoreCase).Count, Regex.Matches(html, "</script>", RegexOptions.IgnoreCase).Count);
        Assert.Equal(6, Regex.Matches(html, "</script>", RegexOptions.IgnoreCase).Count);
        Assert.DoesNotContain("<!--", html, StringComparison.Ordinal);
        Assert.Contains("m&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;|a,&quot;b&quot;", markup);
        // The specs' JSON carries the names intact.
        var specs = Regex.Match(html, "<script type=\"application/json\" id=\"report-specs\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        Assert.DoesNotContain("<", specs, StringComparison.Ordinal);
        using (var doc = JsonDocument.Parse(specs))
            Assert.Contains(Hostile, doc.RootElement[0].GetProperty("spec").GetProperty("data").GetProperty("values")[0].GetProperty("model").GetString());

        var md = await File.ReadAllTextAsync(files.SummaryMarkdown);
        Assert.Contains("m&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;\\|a,\"b\"<br>&lt;!--", md);
        Assert.DoesNotContain("<img", md, StringComparison.Ordinal);
        var tableLine = md.Split('\n').First(l => l.Contains("majority", StringComparison.Ordinal));
        Assert.Equal(11, Regex.Matches(tableLine, "(?<!\\\\)\\|").Count); // 10 columns: 11 unescaped pipes

        var csv = await File.ReadAllTextAsync(files.ResultsCsv);
        var parsed = ParseCsv(csv);
        Assert.Equal(Hostile, parsed[1][0]);
        Assert.Equal("greedy", parsed[1][1]);
        Assert.Equal("note=x|y</script>", parsed[2][2]);
        Assert.Equal(parsed[0].Count, parsed[1].Count);
        Assert.Equal(["level_1", "level_2"], parsed[0][^2..]);

        var problems = ParseCsv(await File.ReadAllTextAsync(files.ProblemsCsv));
        Assert.Equal(7, problems.Count);
        Assert.Contains(problems, r => r[8] == "p\"2\"" && r[2] == Hostile);
    }

    [Fact]
    public async Task WriteAsync_Html_SelfContainedWithBundledVega()
    {
        var files = await ReportWriter.WriteAsync(_dir.FullName, Synthetic());
        var html = await File.ReadAllTextAsync(files.Html);
        Assert.DoesNotMatch("<script[^>]+src=", html);
        Assert.DoesNotMatch("<link[^>]+href=", html);
        Assert.Contains("vegaEmbed", html, StringComparison.Ordinal);
        Assert.Contains("\"6.5.0\"", html, StringComparison.Ordinal); // vega-lite's version string
        Assert.Contains("<ul id=\"errors\" hidden></ul>", html, StringComparison.Ordinal);
        foreach (var id in HtmlReport.PlotIds(files.Summary))
            Assert.Contains($"<div class=\"plot\" id=\"{id}\"></div>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void SafeScript_ClosingTagsInLibraryText_Neutralised()
    {
        var js = "var a = '</script><!-- <SCRIPT>'; var r = /<\\/script>/;";
        var safe = HtmlReport.SafeScript(js);
        Assert.DoesNotContain("</script", safe, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<!--", safe, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", safe, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("var a = '\\x3C/script>\\x3C!-- \\x3CSCRIPT>'; var r = /<\\/script>/;", safe);
    }

    /// <summary>RFC 4180 reader (quoted fields with doubled quotes and line breaks), enough to check what the writer wrote.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; }
            else field.Append(c);
        }
        return rows;
    }
}

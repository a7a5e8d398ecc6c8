using System.Text.RegularExpressions;
using InferScale.Reports;

namespace InferScale.Tests.Reports;

public sealed class ReportBrowserTests
{
    [Fact]
    public async Task WriteAsync_RealEngineRun_EveryPlotDrawsInHeadlessChromium()
    {
        var input = await ReportTestData.RealRunAsync();
        var dir = Path.Combine(AppContext.BaseDirectory, "report-browser-test");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        var files = await ReportWriter.WriteAsync(dir, input);
        var profile = Directory.CreateTempSubdirectory("inferscale-chromium-");
        try
        {
            var dom = await HeadlessChromium.DumpDomAsync(files.Html, profile.FullName);

            var ids = HtmlReport.PlotIds(files.Summary);
            Assert.Contains("plot-accuracy-tokens", ids);
            Assert.Contains("plot-accuracy-flops", ids);
            Assert.Contains("plot-scaling-laws", ids);
            Assert.Contains("plot-level-winners", ids);
            Assert.Contains("plot-frontier-tokens", ids);
            Assert.Contains("plot-frontier-flops", ids);
            Assert.Matches($"data-rendered=\"{ids.Count}\"", dom);
            foreach (var id in ids)
            {
                var container = Regex.Match(dom, $"<div[^>]*id=\"{id}\"[^>]*>(.*?)<figcaption", RegexOptions.Singleline);
                Assert.True(container.Success, $"plot container {id} is missing from the rendered page");
                Assert.True(Regex.IsMatch(container.Groups[1].Value, "<svg[^>]*class=\"[^\"]*marks|<canvas"), $"plot {id} drew nothing");
                Assert.True(Regex.Matches(container.Groups[1].Value, "<path|<rect|<line|<text").Count > 10, $"plot {id} has almost no marks");
            }
            var errors = Regex.Match(dom, "<ul id=\"errors\"[^>]*>(.*?)</ul>", RegexOptions.Singleline);
            Assert.True(errors.Success, "the #errors list is missing");
            Assert.True(errors.Groups[1].Value.Trim().Length == 0, "script errors: " + errors.Groups[1].Value);

            var png = Path.Combine(dir, "report-screenshot.png");
            await HeadlessChromium.ScreenshotAsync(files.Html, png, profile.FullName);
            var bytes = await File.ReadAllBytesAsync(png);
            Assert.True(bytes.Length > 20_000, $"screenshot is only {bytes.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}

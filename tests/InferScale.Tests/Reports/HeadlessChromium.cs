using System.Diagnostics;

namespace InferScale.Tests.Reports;

/// <summary>Runs Debian's <c>chromium</c> headless (installed by <c>.ci/run</c>): dumps a page's DOM after its scripts ran, or screenshots it.</summary>
internal static class HeadlessChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>The browser's path; fails the test (never skips) when none is installed.</summary>
    public static string Find() =>
        Candidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            "Headless Chromium is required by the report's browser test and was not found (" + string.Join(", ", Candidates) +
            "). Install Debian's chromium: apt-get install -y chromium (.ci/run does this).");

    /// <summary>The DOM of <paramref name="htmlFile"/> after its scripts ran (virtual time lets async rendering finish).</summary>
    public static Task<string> DumpDomAsync(string htmlFile, string profile) =>
        RunAsync(["--dump-dom", new Uri(htmlFile).AbsoluteUri], profile);

    /// <summary>Saves a PNG screenshot of <paramref name="htmlFile"/> at 1400×<paramref name="height"/>.</summary>
    public static async Task ScreenshotAsync(string htmlFile, string png, string profile, int height = 3000)
    {
        await RunAsync([$"--screenshot={png}", $"--window-size=1400,{height}", new Uri(htmlFile).AbsoluteUri], profile);
        if (!File.Exists(png)) throw new InvalidOperationException($"chromium wrote no screenshot to {png}");
    }

    private static async Task<string> RunAsync(IEnumerable<string> arguments, string profile)
    {
        var start = new ProcessStartInfo(Find())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
            "--hide-scrollbars", "--virtual-time-budget=15000", "--user-data-dir=" + profile,
        }.Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start chromium");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish within 90 s");
        }
        var output = await stdout;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {await stderr}");
        return output;
    }
}

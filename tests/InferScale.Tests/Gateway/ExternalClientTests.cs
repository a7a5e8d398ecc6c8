using System.Diagnostics;
using System.Text.Json.Nodes;
using InferScale.Tests.Support;

namespace InferScale.Tests.Gateway;

/// <summary>
/// End to end with real clients: the official <c>openai</c> npm client (v7, installed by <c>.ci/run</c> into
/// <c>~/.cache/inferscale/npm-openai</c> or the folder in <c>$INFERSCALE_NPM_OPENAI</c>) against an in-process gateway,
/// and <c>curl</c> against the real <c>inferscale serve</c> process (started, then stopped with SIGTERM).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ExternalClientTests(GatewayFixture fixture)
{
    /// <summary>Where the npm package is looked for.</summary>
    private static string NpmFolder =>
        Environment.GetEnvironmentVariable("INFERSCALE_NPM_OPENAI") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "inferscale", "npm-openai");

    [Fact]
    public async Task OpenAiNodeClient_ModelsChatStreamCompletionsAndWrongKey_AllBehave()
    {
        var node = Which("node") ?? throw new InvalidOperationException("node is not installed: the end-to-end test needs Node.js (.ci/run installs it).");
        var package = Path.Combine(NpmFolder, "node_modules", "openai", "package.json");
        Assert.True(File.Exists(package), $"the openai npm package is missing: {package} not found (.ci/run runs 'npm install --prefix {NpmFolder} openai@7.57.0'; or set INFERSCALE_NPM_OPENAI)");
        var script = Path.Combine(RepoPaths.Root, "tests", "InferScale.Tests", "Gateway", "openai-client.mjs");
        var (code, output, error) = await RunAsync(node, [script, fixture.Server.BaseAddress.ToString(), GatewayTestHost.Key, GatewayTestHost.Model],
            new Dictionary<string, string> { ["INFERSCALE_NPM_OPENAI"] = NpmFolder }, TimeSpan.FromSeconds(90));
        Assert.True(code == 0, $"node exited with {code}: {error}");
        var result = JsonNode.Parse(output.Trim().Split('\n')[^1])!;

        Assert.StartsWith("7.", (string?)result["version"]);
        Assert.Equal("arith-0.3m", (string?)result["models"]![0]);
        Assert.Contains("majority@16/arith-0.3m", result["models"]!.AsArray().Select(m => (string?)m));
        var chat = result["chat"]!;
        Assert.False(string.IsNullOrEmpty((string?)chat["content"]));
        Assert.True(chat["usage"]!["completion_tokens"]!.GetValue<long>() > 0);
        var stream = result["stream"]!;
        Assert.Equal((string?)chat["content"], (string?)stream["content"]);
        Assert.True(stream["progress"]!.GetValue<int>() >= 2);
        Assert.True(stream["contentChunks"]!.GetValue<int>() >= 2);
        Assert.Equal((string?)chat["finish"], (string?)stream["finish"]);
        Assert.Equal(chat["usage"]!["total_tokens"]!.GetValue<long>(), stream["usage"]!["total_tokens"]!.GetValue<long>());
        Assert.False(string.IsNullOrEmpty((string?)result["completion"]!["text"]));
        Assert.Equal(401, result["wrongKey"]!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Curl_AgainstTheServeCommandProcess_ServesThenStopsOnSigterm()
    {
        var curl = Which("curl") ?? throw new InvalidOperationException("curl is not installed (.ci/run installs it).");
        var cli = Path.Combine(AppContext.BaseDirectory, "InferScale.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { cli, "serve", "--urls", "http://127.0.0.1:0", "--api-key", "k1", "--max-concurrent", "4" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        try
        {
            string? address = null;
            var lines = new List<string>();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (address is null && DateTime.UtcNow < deadline && await process.StandardError.ReadLineAsync() is { } line)
            {
                lines.Add(line);
                if (line.StartsWith("InferScale gateway listening on ", StringComparison.Ordinal))
                    address = line.Split(' ')[4];
            }
            Assert.True(address is not null, "serve printed no address: " + string.Join("\n", lines));
            var stderrRest = process.StandardError.ReadToEndAsync();

            var (code, models, _) = await RunAsync(curl, ["-sS", "-H", "Authorization: Bearer k1", address + "v1/models"]);
            Assert.Equal(0, code);
            Assert.Equal("arith-0.3m", (string?)JsonNode.Parse(models)!["data"]![0]!["id"]);

            (code, var denied, _) = await RunAsync(curl, ["-sS", "-o", "/dev/null", "-w", "%{http_code}", address + "v1/models"]);
            Assert.Equal("401", denied);

            var body = GatewayTestHost.Chat("majority@4/arith-0.3m", maxTokens: 48, stream: true).ToJsonString();
            (code, var streamed, _) = await RunAsync(curl, ["-sSN", "-H", "Authorization: Bearer k1", "-H", "Content-Type: application/json", "-d", body, address + "v1/chat/completions"]);
            Assert.Equal(0, code);
            var data = GatewayTestHost.SseData(streamed);
            Assert.Equal("[DONE]", data[^1]);
            Assert.Contains(data, d => d.Contains("\"finish_reason\":\"", StringComparison.Ordinal));

            (code, _, _) = await RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            Assert.Equal(0, code);
            Assert.True(process.WaitForExit(30_000), "serve did not stop within 30 s of SIGTERM");
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("stopped.", await stderrRest);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    private static async Task<(int Code, string Out, string Error)> RunAsync(
        string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
            start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in time; stderr: {await error}");
        }
        return (process.ExitCode, await output, await error);
    }
}

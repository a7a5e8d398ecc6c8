using System.Text.Json;
using InferScale.Cli.Commands;
using InferScale.Engine.Gguf;
using InferScale.Tests.Support;
using Spectre.Console;

namespace InferScale.Tests.Cli;

public sealed class BenchEnginePeerTests
{
    private const string Output = """
        llama_model_loader: loaded meta data with 20 key-value pairs
        main: n_kv_max = 256, n_batch = 2048, n_ubatch = 512, flash_attn = -1

        |    PP |     TG |    B |   N_KV |   T_PP s | S_PP t/s |   T_TG s | S_TG t/s |      T s |    S t/s |
        |-------|--------|------|--------|----------|----------|----------|----------|----------|----------|
        |    16 |     32 |    1 |     48 |    0.003 |  5136.44 |    0.084 |   382.17 |    0.087 |   552.69 |
        |    16 |      1 |    8 |    136 |    0.155 |   827.82 |    0.033 |   242.79 |    0.188 |   725.05 |

        llama_perf_context_print:        load time =      10.00 ms
        """;

    [Fact]
    public void Parse_BatchedBenchTable_ReadsEveryRowByColumnName()
    {
        var rows = LlamaBatchedBench.Parse(Output);
        Assert.Equal(2, rows.Count);
        Assert.Equal(new LlamaBatchedBench.Row(16, 32, 1, 0.003, 5136.44, 0.084, 382.17), rows[0]);
        Assert.Equal(8, rows[1].Parallel);
        Assert.Equal(242.79, rows[1].DecodeTokensPerSecond);
    }

    [Fact]
    public void Parse_ReorderedColumns_StillReadsByName()
    {
        const string text = """
            | B | TG | PP | S_TG t/s | T_TG s | S_PP t/s | T_PP s | extra |
            |---|----|----|----------|--------|----------|--------|-------|
            | 4 | 8  | 2  | 100.5    | 0.32   | 50       | 0.16   | x     |
            """;
        var row = Assert.Single(LlamaBatchedBench.Parse(text));
        Assert.Equal(new LlamaBatchedBench.Row(2, 8, 4, 0.16, 50, 0.32, 100.5), row);
    }

    [Fact]
    public void Parse_BadCell_NamesTheLineAndColumn()
    {
        var text = Output.Replace("382.17", "nan?", StringComparison.Ordinal);
        var ex = Assert.Throws<FormatException>(() => LlamaBatchedBench.Parse(text));
        Assert.Contains("line 6", ex.Message);
        Assert.Contains("S_TG t/s", ex.Message);
    }

    [Fact]
    public void Parse_TableWithoutARequiredColumn_Fails()
    {
        const string text = "| PP | TG | B | S_TG t/s |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |";
        var ex = Assert.Throws<FormatException>(() => LlamaBatchedBench.Parse(text));
        Assert.Contains("T_PP s", ex.Message);
    }

    [Fact]
    public void Arguments_SizeTheContextForTheCellAndAddATrailingCell()
    {
        var args = LlamaBatchedBench.Arguments("m.gguf", 16, 128, 64, 2);
        Assert.Equal("9216", args[args.ToList().IndexOf("-c") + 1]);
        Assert.Equal("128,1", args[args.ToList().IndexOf("-ntg") + 1]);
        Assert.Equal("2", args[args.ToList().IndexOf("-t") + 1]);
        var prefill = LlamaBatchedBench.Arguments("m.gguf", 64, 1, 1, 1).ToList();
        Assert.Equal("1,2", prefill[prefill.IndexOf("-ntg") + 1]);
    }

    [Fact]
    public void Run_RealLlamaBatchedBenchOnTheTinyModel_PrintsTheRatioTable()
    {
        var settings = BenchEnginePeerSettings.Quick with
        {
            Models = ["1m"],
            Types = [GgufTensorType.F32],
            Batches = [1, 4],
            DecodePrompt = 8,
            DecodeTokens = 4,
            PrefillTokens = 16,
            Rounds = 2,
            Threads = 1,
        };
        var llama = new LlamaBatchedBench(LlamaCpp.BatchedBench);
        var progress = new List<string>();
        var report = new BenchEnginePeerRunner(settings, llama, TimeProvider.System).Run(progress.Add, CancellationToken.None);

        Assert.Equal(["prefill", "decode", "decode"], report.Cells.Select(c => c.Work));
        Assert.Equal([1, 1, 4], report.Cells.Select(c => c.Batch));
        Assert.All(report.Cells, c => Assert.True(c.Ours > 0 && c.Llama > 0 && c.Ratio > 0, $"{c}"));
        Assert.Contains(progress, p => p.Contains("decode at batch 4", StringComparison.Ordinal));

        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(text) });
        BenchEnginePeerReportWriter.WriteTable(report, console);
        Assert.Contains("Ours ÷ llama.cpp", text.ToString());
        Assert.Contains("decode B=4", text.ToString());
        Assert.Matches(@"1m\s+│\s+F32\s+│\s+\d+\.\d\d×", text.ToString());

        using var json = JsonDocument.Parse(BenchEnginePeerReportWriter.ToJson(report));
        var cells = json.RootElement.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(3, cells.Count);
        Assert.True(cells[2].GetProperty("ratio").GetDouble() > 0);
        Assert.Equal("F32", cells[2].GetProperty("type").GetString());
    }

    [Fact]
    public async Task BenchEnginePeer_MissingLlamaBin_FailsWithExitCode2()
    {
        var result = await CliRunner.RunAsync("bench", "engine", "--peer", "--llama-bin", Path.Combine(Path.GetTempPath(), "no-such-llama-dir"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("llama-batched-bench not found", result.Error);
    }

    [Fact]
    public async Task BenchEnginePeer_BadRounds_FailsWithExitCode2()
    {
        var result = await CliRunner.RunAsync("bench", "engine", "--peer", "--rounds", "0");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--rounds", result.Error);
    }
}

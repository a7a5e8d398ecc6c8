using System.Text.Json.Nodes;
using InferScale.Tests.Support;

namespace InferScale.Tests.Cli;

public sealed class DecontaminateCommandTests
{
    [Fact]
    public async Task Decontaminate_Gsm8kQuestionsAgainstGsm8kTest_AllContaminatedAndFlagged()
    {
        var result = await CliRunner.RunAsync(
            "decontaminate", "--train", RepoPaths.Shared("benchmarks", "gsm8k-test.jsonl"),
            "--eval", RepoPaths.Shared("pools", "gsm8k-example-model-solutions.jsonl"), "--eval-field", "question", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Out)!;
        Assert.Equal(1319, json["eval_instances"]!.GetValue<int>());
        Assert.Equal(1319, json["train_instances"]!.GetValue<long>());
        Assert.True(json["flagged"]!.GetValue<bool>());
        // Some GSM8K questions are shorter than 8 word tokens or repeated; nearly all must be found.
        Assert.InRange(json["contaminated"]!.GetValue<int>(), 1300, 1319);
    }

    [Fact]
    public async Task Decontaminate_DisjointSets_NotFlagged()
    {
        var result = await CliRunner.RunAsync(
            "decontaminate", "--train", RepoPaths.Shared("benchmarks", "math500-test.jsonl"),
            "--eval", RepoPaths.Shared("benchmarks", "gsm8k-test.jsonl"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("not flagged", result.Out);
    }

    [Fact]
    public async Task Decontaminate_MalformedLine_NamesFileAndLine()
    {
        var dir = Directory.CreateTempSubdirectory();
        var train = Path.Combine(dir.FullName, "train.jsonl");
        await File.WriteAllTextAsync(train, "{\"text\": \"a b c\"}\n{\"text\": \"d e f\"}\n{not json\n");
        var eval = Path.Combine(dir.FullName, "eval.jsonl");
        await File.WriteAllTextAsync(eval, "{\"question\": \"a b c d e f g h i j\"}\n");
        var result = await CliRunner.RunAsync("decontaminate", "--train", train, "--eval", eval);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("train.jsonl:3", result.Error);
        dir.Delete(recursive: true);
    }
}

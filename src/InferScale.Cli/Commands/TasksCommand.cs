using System.CommandLine;
using InferScale.Tasks.Arith;

namespace InferScale.Cli.Commands;

/// <summary><c>inferscale tasks arith</c>: writes the built-in arithmetic task's problems.</summary>
internal static class TasksCommand
{
    public static Command Create(CliContext context)
    {
        var outOption = new Option<FileInfo?>("--out") { Description = "Write here (default: stdout). The committed test set is data/benchmarks/arith-test.jsonl." };
        var perLevel = new Option<int>("--per-level") { Description = "Problems per level (levels 1–5).", DefaultValueFactory = _ => 100 };
        var seed = new Option<ulong>("--seed") { Description = "Generator seed.", DefaultValueFactory = _ => ArithGenerator.DefaultSeed };
        var split = new Option<string>("--split") { Description = "test: the fixed test split; train: the training stream (levels cycle 1–5).", DefaultValueFactory = _ => "test" };
        split.AcceptOnlyFromAmong("test", "train");
        var arith = new Command("arith", "Generate problems of the built-in multi-step arithmetic task (levels 1–5, one step per line, \\boxed answers).")
        {
            outOption, perLevel, seed, split,
        };
        arith.SetAction(parse =>
        {
            var n = parse.GetValue(perLevel);
            if (n < 1)
                throw new CliException("--per-level must be at least 1.");
            var generator = new ArithGenerator(parse.GetValue(seed));
            var problems = parse.GetValue(split) == "test"
                ? generator.TestSet(n)
                : Enumerable.Range(0, n * 5).Select(i => generator.Training(i)).ToList();
            var target = parse.GetValue(outOption);
            if (target is null)
            {
                ArithDataset.Write(context.Out, problems);
            }
            else
            {
                ArithDataset.Write(target.FullName, problems);
                context.Error.WriteLine($"wrote {problems.Count} problems to {target.FullName}");
            }
            return 0;
        });
        return new Command("tasks", "Built-in task generators.") { arith };
    }
}

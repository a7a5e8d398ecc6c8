using System.CommandLine;
using System.Text.Json;
using InferScale.Decontamination;
using InferScale.Tasks;
using Spectre.Console;

namespace InferScale.Cli.Commands;

/// <summary><c>inferscale decontaminate</c>: Tulu 3's 8-gram overlap check of an evaluation set against a training set.</summary>
internal static class DecontaminateCommand
{
    public static Command Create(CliContext context)
    {
        var train = new Option<FileInfo>("--train") { Description = "Training set (JSONL), streamed.", Required = true };
        var eval = new Option<FileInfo>("--eval") { Description = "Evaluation set (JSONL).", Required = true };
        var trainField = new Option<string?>("--train-field") { Description = "Field holding the training text (default: first of text, prompt, question, problem, instruction, input, messages)." };
        var evalField = new Option<string?>("--eval-field") { Description = "Field holding the evaluation text (same default)." };
        var ngram = new Option<int>("--ngram") { Description = "N-gram length in word tokens.", DefaultValueFactory = _ => 8 };
        var threshold = new Option<double>("--threshold") { Description = "Instance is contaminated above this token coverage.", DefaultValueFactory = _ => 0.5 };
        var flag = new Option<double>("--flag-threshold") { Description = "Training set is flagged above this fraction of contaminated instances.", DefaultValueFactory = _ => 0.02 };
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object on stdout." };
        var command = new Command("decontaminate", "Report evaluation instances whose tokens are mostly covered by n-grams shared with one training instance (Tulu 3).")
        {
            train, eval, trainField, evalField, ngram, threshold, flag, json,
        };
        command.SetAction((parse, ct) =>
        {
            var options = new DecontaminationOptions
            {
                NgramSize = parse.GetValue(ngram),
                InstanceThreshold = parse.GetValue(threshold),
                DatasetThreshold = parse.GetValue(flag),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message);
            }
            var evalPath = parse.GetValue(eval)!.FullName;
            var trainPath = parse.GetValue(train)!.FullName;
            try
            {
                var evalRecords = JsonlTexts.Read(evalPath, parse.GetValue(evalField)).ToList();
                var decontaminator = new NgramDecontaminator(evalRecords.Select(r => r.Text).ToList(), evalRecords.Select(r => r.Id).ToList(), options);
                var report = decontaminator.Run(JsonlTexts.Read(trainPath, parse.GetValue(trainField)).Select(r => r.Text), ct);
                if (parse.GetValue(json))
                    WriteJson(context, report, evalRecords);
                else
                    WriteTable(context, report, evalRecords, evalPath, trainPath);
                return Task.FromResult(0);
            }
            catch (Exception ex) when (ex is DataFormatException or FileNotFoundException)
            {
                throw new CliException(ex.Message + " Fix the file and run again.");
            }
        });
        return command;
    }

    private static void WriteJson(CliContext context, DecontaminationReport report, List<JsonlTexts.Record> evalRecords)
    {
        var payload = new
        {
            eval_instances = report.EvalInstances,
            train_instances = report.TrainInstances,
            contaminated = report.Contaminated.Count,
            contaminated_fraction = report.ContaminatedFraction,
            flagged = report.TrainingSetFlagged,
            ngram = report.Options.NgramSize,
            instances = report.Contaminated.Select(c => new { eval_index = c.EvalIndex, eval_line = evalRecords[c.EvalIndex].Line, eval_id = c.EvalId, coverage = c.Coverage, train_index = c.TrainIndex }),
        };
        context.Out.WriteLine(JsonSerializer.Serialize(payload));
    }

    private static void WriteTable(CliContext context, DecontaminationReport report, List<JsonlTexts.Record> evalRecords, string evalPath, string trainPath)
    {
        var table = new Table().AddColumns("eval line", "eval id", "coverage", "train instance");
        foreach (var c in report.Contaminated.Take(50))
            table.AddRow(evalRecords[c.EvalIndex].Line.ToString(), Markup.Escape(c.EvalId ?? "-"), c.Coverage.ToString("P1"), c.TrainIndex.ToString());
        if (report.Contaminated.Count > 0)
            context.Console.Write(table);
        if (report.Contaminated.Count > 50)
            context.Console.MarkupLine($"[grey]… and {report.Contaminated.Count - 50} more (use --json for all).[/]");
        context.Out.WriteLine(
            $"{report.Contaminated.Count} of {report.EvalInstances} evaluation instances ({report.ContaminatedFraction:P2}) of {Path.GetFileName(evalPath)} overlap " +
            $"{report.TrainInstances} training instances of {Path.GetFileName(trainPath)} (>{report.Options.InstanceThreshold:P0} of tokens in shared {report.Options.NgramSize}-grams); " +
            (report.TrainingSetFlagged ? $"FLAGGED: the training set overlaps more than {report.Options.DatasetThreshold:P0} of the evaluation set." : "not flagged."));
    }
}

using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using InferScale.Verification;

namespace InferScale.Cli.Commands;

/// <summary>
/// <c>inferscale verify</c>: compares one gold/predicted pair (<c>--gold G --pred P</c>) or a JSONL file of pairs
/// (<c>--file pairs.jsonl [--out FILE]</c>), adding <c>"equivalent": true|false</c> to each line with its other fields kept in order.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var gold = new Option<string?>("--gold") { Description = "Gold answer or solution text (with --pred)." };
        var pred = new Option<string?>("--pred") { Description = "Predicted answer or model output (with --gold)." };
        var file = new Option<FileInfo?>("--file") { Description = "JSONL file whose lines have \"gold\" and \"pred\" strings." };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the annotated JSONL (default: standard output)." };
        var command = new Command("verify", "Extract final math answers and decide whether a prediction matches the gold answer (Math-Verify rules).")
        {
            gold, pred, file, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var checker = MathAnswerChecker.Default;
            var inputFile = parse.GetValue(file);
            if (inputFile is not null)
            {
                if (parse.GetValue(gold) is not null || parse.GetValue(pred) is not null)
                    throw new CliException("use either --file or --gold/--pred, not both.");
                return await VerifyFileAsync(checker, inputFile, parse.GetValue(output), context, cancellationToken).ConfigureAwait(false);
            }
            var goldText = parse.GetValue(gold);
            var predText = parse.GetValue(pred);
            if (goldText is null || predText is null)
                throw new CliException("give --gold and --pred, or --file pairs.jsonl.");
            var verdict = checker.Verify(goldText, predText);
            await context.Out.WriteLineAsync($"gold:       {verdict.GoldAnswer ?? "(no answer found)"}").ConfigureAwait(false);
            await context.Out.WriteLineAsync($"predicted:  {verdict.PredictedAnswer ?? "(no answer found)"}").ConfigureAwait(false);
            await context.Out.WriteLineAsync($"verdict:    {(verdict.IsEquivalent ? "equivalent" : "not equivalent")}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task<int> VerifyFileAsync(MathAnswerChecker checker, FileInfo input, FileInfo? output, CliContext context, CancellationToken cancellationToken)
    {
        if (!input.Exists)
            throw new CliException($"{input.FullName}: file not found.");
        var writer = output is null ? context.Out : new StreamWriter(output.FullName, append: false, new System.Text.UTF8Encoding(false));
        try
        {
            using var reader = new StreamReader(input.FullName);
            var lineNumber = 0;
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                    continue;
                var record = ParseLine(line, input.Name, lineNumber);
                var verdict = checker.Verify(Field(record, "gold", input.Name, lineNumber), Field(record, "pred", input.Name, lineNumber));
                record["equivalent"] = verdict.IsEquivalent;
                await writer.WriteLineAsync(record.ToJsonString(JsonOptions)).ConfigureAwait(false);
            }
        }
        finally
        {
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (output is not null)
                await writer.DisposeAsync().ConfigureAwait(false);
        }
        return 0;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject ParseLine(string line, string fileName, int lineNumber)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject ?? throw new CliException($"{fileName}:{lineNumber}: expected a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new CliException($"{fileName}:{lineNumber}: invalid JSON ({ex.Message}).", ex);
        }
    }

    private static string Field(JsonObject record, string name, string fileName, int lineNumber)
    {
        if (record[name] is not JsonValue value)
            throw new CliException($"{fileName}:{lineNumber}: missing field \"{name}\".");
        if (value.TryGetValue<string>(out var text))
            return text;
        if (value.TryGetValue<double>(out var number))
            return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        throw new CliException($"{fileName}:{lineNumber}: field \"{name}\" must be a string or a number.");
    }
}

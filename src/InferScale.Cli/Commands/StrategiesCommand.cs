using System.CommandLine;
using System.Text.Json;
using InferScale.Strategies;

namespace InferScale.Cli.Commands;

/// <summary><c>inferscale strategies</c>: lists every test-time scaling strategy with its options and defaults.</summary>
internal static class StrategiesCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON: [{\"name\": …, \"implemented\": …, \"description\": …, \"options\": {name: default, …}}, …]." };
        var command = new Command("strategies", "List the test-time scaling strategies, their options and defaults (options are set as name=value).") { json };
        command.SetAction(parse =>
        {
            var catalog = StrategyCatalog.Default;
            if (parse.GetValue(json))
                WriteJson(context.Out, catalog);
            else
                WriteText(context.Out, catalog);
            return 0;
        });
        return command;
    }

    private static void WriteText(TextWriter output, StrategyCatalog catalog)
    {
        foreach (var s in catalog.Strategies)
        {
            output.WriteLine($"{s.Name}{(s.IsImplemented ? "" : "  (not implemented yet)")}");
            output.WriteLine($"  {s.Description}");
            var width = s.Options.Max(o => o.Name.Length);
            foreach (var o in s.Options)
            {
                var value = o.Default is null ? "(context)" : o.DefaultText;
                output.WriteLine($"  --{o.Name.PadRight(width)}  {value,-10}  {o.Description}");
            }
            output.WriteLine();
        }
    }

    private static void WriteJson(TextWriter output, StrategyCatalog catalog)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var s in catalog.Strategies)
            {
                writer.WriteStartObject();
                writer.WriteString("name", s.Name);
                writer.WriteBoolean("implemented", s.IsImplemented);
                writer.WriteString("description", s.Description);
                writer.WriteStartObject("options");
                foreach (var o in s.Options)
                {
                    writer.WritePropertyName(o.Name);
                    switch (o.Default)
                    {
                        case null: writer.WriteNullValue(); break;
                        case bool b: writer.WriteBooleanValue(b); break;
                        case int i: writer.WriteNumberValue(i); break;
                        case long l: writer.WriteNumberValue(l); break;
                        case double d: writer.WriteNumberValue(d); break;
                        default: writer.WriteStringValue(o.DefaultText); break;
                    }
                }
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}

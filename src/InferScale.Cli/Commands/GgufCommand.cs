using System.CommandLine;
using System.Globalization;
using InferScale.Engine.Gguf;

namespace InferScale.Cli.Commands;

/// <summary><c>inferscale gguf inspect FILE</c>: prints a GGUF file's metadata and tensor table.</summary>
internal static class GgufCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("gguf", "Work with GGUF model files.");
        var file = new Argument<string>("file") { Description = "Path of the .gguf file." };
        var elements = new Option<int>("--max-elements") { Description = "How many elements of each array to show.", DefaultValueFactory = _ => 8 };
        var inspect = new Command("inspect", "Print a GGUF file's header, metadata and tensor table (validating the file).") { file, elements };
        inspect.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var max = parse.GetValue(elements);
            if (max < 0)
                throw new CliException("--max-elements must be >= 0.");
            GgufFile gguf;
            try
            {
                gguf = GgufFile.Read(path);
            }
            catch (GgufFormatException ex)
            {
                throw new CliException(ex.Message, ex);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new CliException($"no such file: {path}", ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot read {path}: {ex.Message}", ex);
            }
            var o = context.Out;
            var inv = CultureInfo.InvariantCulture;
            o.WriteLine(string.Create(inv, $"file       {gguf.Source}"));
            o.WriteLine(string.Create(inv, $"version    {gguf.Version}, {gguf.FileLength} bytes, alignment {gguf.Alignment}, data at {gguf.DataOffset}"));
            o.WriteLine(string.Create(inv, $"metadata   {gguf.MetadataEntries.Count} keys"));
            foreach (var (key, value) in gguf.MetadataEntries)
                o.WriteLine($"  {key} = {value.Describe(max)}");
            o.WriteLine(string.Create(inv, $"tensors    {gguf.Tensors.Count}, {gguf.Tensors.Sum(t => t.ElementCount)} values"));
            var width = gguf.Tensors.Count == 0 ? 4 : gguf.Tensors.Max(t => t.Name.Length);
            foreach (var t in gguf.Tensors)
                o.WriteLine(string.Create(inv, $"  {t.Name.PadRight(width)}  {t.Type,-6} {t.ShapeText,-16} offset {t.Offset,12}  {t.ByteSize,12} bytes"));
            return 0;
        });
        command.Add(inspect);
        return command;
    }
}

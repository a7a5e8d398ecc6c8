using InferScale.Tasks;

namespace InferScale.Tests.Tasks;

/// <summary>Paths of the shared real data (<c>../shared/data</c> beside the repository root) and temp files for bad-input tests.</summary>
internal static class SharedData
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(
        DatasetCatalog.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("InferScale.sln not found above the test folder"),
        "..", "shared", "data"));

    public static string Benchmark(string file) => Path.Combine(Root, "benchmarks", file);

    public static string Pool(string file) => Path.Combine(Root, "pools", file);

    /// <summary>Writes <paramref name="lines"/> to a fresh temp file with <paramref name="extension"/> and returns its path.</summary>
    public static string TempFile(string extension, params string[] lines)
    {
        var dir = Path.Combine(Path.GetTempPath(), "inferscale-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "data" + extension);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "inferscale-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}

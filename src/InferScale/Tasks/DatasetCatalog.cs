using InferScale.Generation;

namespace InferScale.Tasks;

/// <summary>
/// Resolves a dataset argument — a built-in name (<c>arith</c> (in this repository), <c>gsm8k</c>, <c>math500</c>, <c>aime24</c>, <c>amc23</c>,
/// <c>humaneval</c>) or a path to a JSONL file — to its file and format, and loads its problems.
/// </summary>
/// <remarks>
/// Built-in names live in a benchmarks folder: the one given to the constructor, else <c>$INFERSCALE_DATA/benchmarks</c>,
/// else <c>data/benchmarks</c> in the repository root, else <c>../shared/data/benchmarks</c> beside it (the repository
/// root is the first folder holding <c>InferScale.sln</c>, walking up from the application folder, then from the
/// current folder).
/// </remarks>
public sealed class DatasetCatalog
{
    /// <summary>Environment variable naming a data folder whose <c>benchmarks/</c> holds the built-in files.</summary>
    public const string DataEnvironmentVariable = "INFERSCALE_DATA";

    private static readonly Dictionary<string, (string File, DatasetFormat Format)> BuiltIns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gsm8k"] = ("gsm8k-test.jsonl", DatasetFormat.Gsm8k),
        ["math500"] = ("math500-test.jsonl", DatasetFormat.Math),
        ["aime24"] = ("aime24-test.jsonl", DatasetFormat.Competition),
        ["amc23"] = ("amc23-test.jsonl", DatasetFormat.Competition),
        ["humaneval"] = ("humaneval.jsonl", DatasetFormat.HumanEval),
        ["arith"] = ("arith-test.jsonl", DatasetFormat.Arith),
    };

    private readonly IReadOnlyList<string> _searchFolders;

    /// <summary>Creates a catalog that looks for built-in files in <paramref name="benchmarksFolder"/> only.</summary>
    public DatasetCatalog(string benchmarksFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(benchmarksFolder);
        _searchFolders = [Path.GetFullPath(benchmarksFolder)];
    }

    private DatasetCatalog(IReadOnlyList<string> searchFolders) => _searchFolders = searchFolders;

    /// <summary>The catalog that searches the default places (see remarks).</summary>
    public static DatasetCatalog Default { get; } = new(DefaultSearchFolders());

    /// <summary>The built-in dataset names, in a stable order.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["arith", "gsm8k", "math500", "aime24", "amc23", "humaneval"];

    /// <summary>The folders searched for built-in files, in order.</summary>
    public IReadOnlyList<string> SearchFolders => _searchFolders;

    /// <summary>Whether <paramref name="name"/> is a built-in dataset name.</summary>
    public static bool IsBuiltIn(string name) => BuiltIns.ContainsKey(name);

    /// <summary>Resolves <paramref name="nameOrPath"/> to a file, its format and its dataset name.</summary>
    /// <exception cref="FileNotFoundException">The name is built in but its file is in none of the search folders, or the path does not exist.</exception>
    /// <exception cref="DataFormatException">The file's format cannot be detected.</exception>
    public DatasetSource Resolve(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (BuiltIns.TryGetValue(nameOrPath, out var builtIn))
        {
            foreach (var folder in _searchFolders)
            {
                var candidate = Path.Combine(folder, builtIn.File);
                if (File.Exists(candidate))
                    return new DatasetSource(nameOrPath.ToLowerInvariant(), candidate, builtIn.Format);
            }

            throw new FileNotFoundException(
                $"built-in dataset '{nameOrPath}' needs {builtIn.File}, which is in none of: {string.Join(", ", _searchFolders)} (set {DataEnvironmentVariable} to a folder holding benchmarks/{builtIn.File}, or pass a path)",
                builtIn.File);
        }

        if (!File.Exists(nameOrPath))
        {
            throw new FileNotFoundException(
                $"'{nameOrPath}' is neither a built-in dataset ({string.Join(", ", BuiltInNames)}) nor an existing file",
                nameOrPath);
        }

        return new DatasetSource(Path.GetFileNameWithoutExtension(nameOrPath), Path.GetFullPath(nameOrPath), DatasetReader.DetectFormat(nameOrPath));
    }

    /// <summary>Resolves <paramref name="nameOrPath"/> and streams its problems.</summary>
    public IEnumerable<Problem> Load(string nameOrPath)
    {
        var source = Resolve(nameOrPath);
        return DatasetReader.Read(source.Path, source.Format, source.Name);
    }

    /// <summary>Finds the repository root: the first folder holding <c>InferScale.sln</c> above <paramref name="start"/>; <see langword="null"/> when none.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(start);
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "InferScale.sln"))) return dir.FullName;
        }

        return null;
    }

    private static List<string> DefaultSearchFolders()
    {
        var folders = new List<string>();
        if (Environment.GetEnvironmentVariable(DataEnvironmentVariable) is { Length: > 0 } data)
            folders.Add(Path.GetFullPath(Path.Combine(data, "benchmarks")));
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            if (FindRepositoryRoot(start) is not { } root) continue;
            foreach (var folder in new[] { Path.Combine(root, "data", "benchmarks"), Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "benchmarks")) })
            {
                if (!folders.Contains(folder)) folders.Add(folder);
            }
        }

        return folders;
    }
}

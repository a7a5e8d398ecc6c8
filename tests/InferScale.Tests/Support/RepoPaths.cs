namespace InferScale.Tests.Support;

/// <summary>Locates the repository root and the shared data folder beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    public static string Shared(params string[] parts) => Path.Combine([SharedData, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "InferScale.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository root (InferScale.sln) above " + AppContext.BaseDirectory);
    }
}

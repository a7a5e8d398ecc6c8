namespace InferScale.Tests.Verification;

/// <summary>Locates the repository root (the directory holding InferScale.sln) from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "InferScale.sln")))
                return dir.FullName;
        throw new InvalidOperationException("InferScale.sln not found above " + AppContext.BaseDirectory);
    }

    public static string MathVerifyCases() =>
        Path.GetFullPath(Path.Combine(Root(), "..", "shared", "data", "answer-equivalence", "math-verify-cases.jsonl"));
}

namespace InferScale.Tests.Support;

/// <summary>
/// Locates the llama.cpp build that <c>.ci/run</c> makes with <c>scripts/llama-probe.sh</c> (which runs
/// <c>scripts/llama-cpp.sh</c>): the folder in <c>$INFERSCALE_LLAMA_CPP_BIN</c> (llama-server, llama-bench,
/// llama-batched-bench and the shared libraries) and the probe in <c>$INFERSCALE_LLAMA_PROBE</c>, or the default cache
/// <c>~/.cache/inferscale/llama.cpp/3.22.1</c>. A missing build fails the test with the command that makes it.
/// </summary>
internal static class LlamaCpp
{
    /// <summary>The pinned node-llama-cpp version whose llama.cpp source is built (scripts/llama-cpp.sh).</summary>
    public const string Version = "3.22.1";

    private static string CacheRoot =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "inferscale", "llama.cpp", Version);

    /// <summary>The folder holding llama.cpp's executables and libraries.</summary>
    public static string BinDirectory =>
        Environment.GetEnvironmentVariable("INFERSCALE_LLAMA_CPP_BIN") is { Length: > 0 } bin ? bin : Path.Combine(CacheRoot, "build", "bin");

    /// <summary>The native probe (scripts/llama-probe.cpp): token ids and logits as llama.cpp computes them.</summary>
    public static string Probe => Require(
        Environment.GetEnvironmentVariable("INFERSCALE_LLAMA_PROBE") is { Length: > 0 } probe ? probe : Path.Combine(CacheRoot, "llama-probe"));

    /// <summary>llama.cpp's OpenAI-compatible server.</summary>
    public static string Server => Require(Path.Combine(BinDirectory, "llama-server"));

    /// <summary>llama.cpp's batched benchmark.</summary>
    public static string BatchedBench => Require(Path.Combine(BinDirectory, "llama-batched-bench"));

    private static string Require(string path) => File.Exists(path)
        ? path
        : throw new InvalidOperationException(
            $"llama.cpp is not built: {path} not found. Run scripts/llama-probe.sh (builds llama.cpp {Version} from the npm package node-llama-cpp into ~/.cache/inferscale/llama.cpp; .ci/run does this), or set INFERSCALE_LLAMA_CPP_BIN and INFERSCALE_LLAMA_PROBE.");
}

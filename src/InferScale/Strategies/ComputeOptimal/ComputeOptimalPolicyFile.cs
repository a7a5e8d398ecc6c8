using System.Text;
using System.Text.Json;

namespace InferScale.Strategies;

/// <summary>Reads and writes <see cref="ComputeOptimalPolicy"/> tables (JSON, source-generated, deterministic).</summary>
public static class ComputeOptimalPolicyFile
{
    /// <summary>The policy as JSON text (indented, LF line ends, same bytes for the same policy).</summary>
    public static string ToJson(ComputeOptimalPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return JsonSerializer.Serialize(policy, ComputeOptimalJsonContext.Default.ComputeOptimalPolicy).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>Parses and validates a policy; errors are <see cref="FormatException"/>s naming <paramref name="source"/> and the field.</summary>
    public static ComputeOptimalPolicy Parse(string json, string source = "policy")
    {
        ArgumentNullException.ThrowIfNull(json);
        ComputeOptimalPolicy? policy;
        try
        {
            policy = JsonSerializer.Deserialize(json, ComputeOptimalJsonContext.Default.ComputeOptimalPolicy);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source}: invalid JSON at line {(ex.LineNumber ?? 0) + 1}, path {ex.Path ?? "$"}: {ex.Message}", ex);
        }
        if (policy is null)
            throw new FormatException($"{source}: the file holds null, not a policy.");
        policy.Validate(source);
        return policy;
    }

    /// <summary>Writes <paramref name="policy"/> to <paramref name="path"/> (UTF-8 without BOM).</summary>
    public static void Save(ComputeOptimalPolicy policy, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllText(path, ToJson(policy), new UTF8Encoding(false));
    }

    /// <summary>Reads and validates the policy in <paramref name="path"/>; a missing file is <see cref="FileNotFoundException"/>, a bad one <see cref="FormatException"/> naming the file.</summary>
    public static ComputeOptimalPolicy Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"compute-optimal policy table not found: {path} (write one with the compute-optimal analysis, or leave 'table' empty for the built-in policy)", path);
        return Parse(File.ReadAllText(path), path);
    }
}

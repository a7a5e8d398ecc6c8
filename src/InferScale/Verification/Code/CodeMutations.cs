namespace InferScale.Verification.Code;

/// <summary>Deliberately wrong variants of a correct solution, to check that tests catch wrong answers.</summary>
public static class CodeMutations
{
    /// <summary>
    /// Appends a wrapper that alters <paramref name="entryPoint"/>'s return value (negates booleans, adds 1 to numbers,
    /// appends to strings and lists, replaces anything else with a sentinel).
    /// </summary>
    public static string AlterReturnValue(string completion, string entryPoint)
    {
        ArgumentNullException.ThrowIfNull(completion);
        ArgumentException.ThrowIfNullOrWhiteSpace(entryPoint);
        return completion + $$"""


            __inferscale_original = {{entryPoint}}
            def {{entryPoint}}(*args, **kwargs):
                r = __inferscale_original(*args, **kwargs)
                if isinstance(r, bool): return not r
                if isinstance(r, (int, float)): return r + 1
                if isinstance(r, str): return r + "?"
                if isinstance(r, list): return r + [None]
                if isinstance(r, tuple): return r + (None,)
                return "__inferscale_wrong__"
            """;
    }
}

namespace InferScale.Experiments;

/// <summary>
/// The built-in experiments of <c>inferscale run --preset NAME</c>: <c>default</c> (what a new user sees first, under
/// ten minutes on two cores) and <c>smoke</c> (a small version, under a minute). They are the files in the repository's
/// <c>configs/</c> folder, embedded in the assembly so they work from any directory.
/// </summary>
public static class ExperimentPresets
{
    /// <summary>The preset names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["default", "smoke"];

    /// <summary>The JSON of preset <paramref name="name"/>; throws naming the known presets otherwise.</summary>
    public static string Json(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Names.Contains(name, StringComparer.Ordinal))
            throw new ArgumentException($"Unknown preset '{name}'; known presets: {string.Join(", ", Names)}.", nameof(name));
        using var stream = typeof(ExperimentPresets).Assembly.GetManifestResourceStream($"InferScale.Presets.{name}.json")
            ?? throw new InvalidOperationException($"The preset '{name}' is missing from the assembly (build problem).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The parsed config of preset <paramref name="name"/>.</summary>
    public static ExperimentConfig Load(string name) => ExperimentPlan.Parse(Json(name), $"preset '{name}'");
}

namespace InferScale.Reports;

/// <summary>The plotting library bundled into the assembly at build time (see <c>Reports/Vega.targets</c>).</summary>
internal static class ReportScripts
{
    /// <summary>The bundled files, in load order (vega, vega-lite, vega-embed).</summary>
    public static IReadOnlyList<string> Names { get; } = ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"];

    /// <summary>The text of a bundled file; throws naming it when the assembly lacks it (a build without the bundle).</summary>
    public static string Read(string name)
    {
        var resource = "InferScale.Reports.Js." + name;
        using var stream = typeof(ReportScripts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The report's plotting library '{name}' is not embedded in {typeof(ReportScripts).Assembly.GetName().Name} (resource '{resource}'); rebuild with network access to the npm registry (see src/InferScale/Reports/Vega.targets).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

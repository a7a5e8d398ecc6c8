using System.Globalization;
using System.Text;
using System.Text.Json;

namespace InferScale.Analysis;

/// <summary>
/// Writes a <see cref="PoolAnalysisResult"/> as <c>summary.json</c>, <c>summary.md</c> and <c>curves.csv</c>.
/// Values are fractions rounded to 6 decimals; output depends only on the result (no timestamps), so the same seed
/// gives byte-identical files.
/// </summary>
/// <remarks>
/// <c>summary.json</c>: <c>{"pool", "problems", "samples_per_problem", "samples", "truncated", "seed", "bootstrap", "subsamples",
/// "confidence", "ks": [...], "metrics": {"pass@k": {"1": v, …}, "maj@k": {…}, "bon@k": {…}|null,
/// "weighted_maj@k": {…}|null}, "ci": {"pass@k": {"1": [lo, hi]}, …}, "fits": {"coverage": {"a", "b", "r2", "a_ci",
/// "b_ci"}|null, "saturating": {"maj@k": {"A", "B", "beta", "r2", "A_ci"}, …}}, "extrapolation": {"k", "pass@k":
/// {"value", "ci"}, …}, "by_level": {"&lt;level&gt;": {"problems", "truncated", "pass@k": {…}, "maj@k": {…}, …, "ci": {…}}}}</c>.
/// "truncated" is the share of samples that stopped at the token limit (finish reason "length");
/// bon@k and weighted_maj@k are null when the pool has no reward scores; by_level is present only when it has levels;
/// intervals are null when bootstrapping is off.
/// </remarks>
public static class AnalysisExport
{
    /// <summary>The file names written by <see cref="WriteAll"/>.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["summary.json", "summary.md", "curves.csv"];

    private static readonly PoolMetric[] AllMetrics = [PoolMetric.PassAtK, PoolMetric.MajorityAtK, PoolMetric.BestOfK, PoolMetric.WeightedMajorityAtK];

    /// <summary>Writes the three files into <paramref name="directory"/> (created when missing) and returns their paths.</summary>
    public static IReadOnlyList<string> WriteAll(PoolAnalysisResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var paths = FileNames.Select(f => Path.Combine(directory, f)).ToArray();
        using (var stream = File.Create(paths[0])) WriteJson(result, stream);
        File.WriteAllText(paths[1], Markdown(result), new UTF8Encoding(false));
        File.WriteAllText(paths[2], Csv(result), new UTF8Encoding(false));
        return paths;
    }

    /// <summary>Writes <c>summary.json</c> to <paramref name="stream"/>.</summary>
    public static void WriteJson(PoolAnalysisResult result, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("pool", result.Name);
        json.WriteNumber("problems", result.Problems);
        json.WriteNumber("samples_per_problem", result.SamplesPerProblem);
        json.WriteNumber("samples", result.Samples);
        Number(json, "truncated", result.TruncatedShare);
        json.WriteNumber("seed", result.Options.Seed);
        json.WriteNumber("bootstrap", result.Options.BootstrapResamples);
        json.WriteNumber("subsamples", result.Options.Subsamples);
        Number(json, "confidence", result.Options.ConfidenceLevel);
        json.WriteStartArray("ks");
        foreach (var k in result.Ks) json.WriteNumberValue(k);
        json.WriteEndArray();

        WriteCurves(json, "metrics", result.Curves, ci: false);
        WriteCurves(json, "ci", result.Curves, ci: true);

        json.WriteStartObject("fits");
        if (result.CoverageFit is { } coverage)
        {
            json.WriteStartObject("coverage");
            Number(json, "a", coverage.A);
            Number(json, "b", coverage.B);
            Number(json, "r2", coverage.RSquared);
            Interval(json, "a_ci", coverage.AInterval);
            Interval(json, "b_ci", coverage.BInterval);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("coverage");
        }

        json.WriteStartObject("saturating");
        foreach (var metric in AllMetrics)
        {
            if (!result.SaturatingFits.TryGetValue(metric, out var fit)) continue;
            json.WriteStartObject(metric.Key());
            Number(json, "A", fit.Asymptote);
            Number(json, "B", fit.Scale);
            Number(json, "beta", fit.Exponent);
            Number(json, "r2", fit.RSquared);
            Interval(json, "A_ci", fit.AsymptoteInterval);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartObject("extrapolation");
        json.WriteNumber("k", result.Options.ExtrapolationFactor * result.SamplesPerProblem);
        foreach (var e in result.Extrapolations)
        {
            json.WriteStartObject(e.Metric.Key());
            Number(json, "value", e.Value);
            Interval(json, "ci", e.Interval);
            json.WriteEndObject();
        }

        json.WriteEndObject();

        if (result.ByLevel.Count > 0)
        {
            json.WriteStartObject("by_level");
            foreach (var level in result.ByLevel)
            {
                json.WriteStartObject(level.Level);
                json.WriteNumber("problems", level.Problems);
                Number(json, "truncated", level.TruncatedShare);
                WriteCurveValues(json, level.Curves, ci: false);
                WriteCurves(json, "ci", level.Curves, ci: true);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.Flush();
        stream.Write("\n"u8);
    }

    /// <summary>
    /// "N% of the samples stopped at the token limit (max tokens or the model's context)", followed by the share per level
    /// when <paramref name="byLevel"/> is set and the pool has levels (summary.md and the <c>analyze</c> console).
    /// </summary>
    public static string TruncationSummary(PoolAnalysisResult result, bool byLevel)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = $"{Percent(result.TruncatedShare)} of the samples stopped at the token limit (max tokens or the model's context)";
        if (byLevel && result.ByLevel.Count > 0)
            text += " — by level: " + string.Join(", ", result.ByLevel.Select(l => $"{l.Level} {Percent(l.TruncatedShare)}"));
        return text;
    }

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>The human-readable summary (<c>summary.md</c>).</summary>
    public static string Markdown(PoolAnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        var level = Format(result.Options.ConfidenceLevel * 100);
        md.Append(CultureInfo.InvariantCulture, $"# Analysis of {result.Name ?? "pool"}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"{result.Problems} problems × {result.SamplesPerProblem} samples ({result.Samples} samples in all). Seed {result.Options.Seed}, {result.Options.BootstrapResamples} bootstrap resamples over problems ({level}% percentile intervals), {result.Options.Subsamples} subsample draws per problem for voting at 1 < k < n.\n\n");
        if (result.TruncatedShare > 0)
            md.Append(TruncationSummary(result, byLevel: false)).Append(" rather than at an answer's end.\n\n");
        md.Append("| k |");
        foreach (var c in result.Curves) md.Append(' ').Append(c.Metric.Key()).Append(" |");
        md.Append("\n|---:|");
        foreach (var _ in result.Curves) md.Append("---:|");
        md.Append('\n');
        for (var j = 0; j < result.Ks.Count; j++)
        {
            md.Append("| ").Append(result.Ks[j]).Append(" |");
            foreach (var c in result.Curves)
            {
                var p = c.Points[j];
                md.Append(' ').Append(Format(p.Value));
                if (p.Interval is { } ci) md.Append(" [").Append(Format(ci.Lower)).Append(", ").Append(Format(ci.Upper)).Append(']');
                md.Append(" |");
            }

            md.Append('\n');
        }

        md.Append("\n## Fits\n\n");
        if (result.CoverageFit is { } cov)
            md.Append(CultureInfo.InvariantCulture, $"- Coverage law c(k) = exp(a·k^b): a = {Format(cov.A)}{Ci(cov.AInterval)}, b = {Format(cov.B)}{Ci(cov.BInterval)}, R² = {Format(cov.RSquared)}\n");
        else
            md.Append("- Coverage law: not fitted (fewer than two k with 0 < pass@k < 1)\n");
        foreach (var (metric, fit) in result.SaturatingFits.OrderBy(p => p.Key))
            md.Append(CultureInfo.InvariantCulture, $"- {metric.Key()} saturating law A − B·k^(−β): A = {Format(fit.Asymptote)}{Ci(fit.AsymptoteInterval)}, B = {Format(fit.Scale)}, β = {Format(fit.Exponent)}, R² = {Format(fit.RSquared)}\n");
        if (result.Extrapolations.Count > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"\nExtrapolated to k = {result.Options.ExtrapolationFactor * result.SamplesPerProblem}: ");
            md.Append(string.Join("; ", result.Extrapolations.Select(e => $"{e.Metric.Key()} {Format(e.Value)}{Ci(e.Interval)}")));
            md.Append('\n');
        }

        if (result.ByLevel.Count > 0)
        {
            var n = result.SamplesPerProblem;
            md.Append(CultureInfo.InvariantCulture, $"\n## By level (k = 1 and k = {n})\n\n| level | problems | truncated |");
            foreach (var c in result.Curves) md.Append(CultureInfo.InvariantCulture, $" {c.Metric.Key().Replace("@k", "@1", StringComparison.Ordinal)} | {c.Metric.Key().Replace("@k", "@" + n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)} |");
            md.Append("\n|---|---:|---:|");
            foreach (var _ in result.Curves) md.Append("---:|---:|");
            md.Append('\n');
            foreach (var l in result.ByLevel)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {l.Level} | {l.Problems} | {Format(l.TruncatedShare)} |");
                foreach (var c in l.Curves) md.Append(CultureInfo.InvariantCulture, $" {Format(c.Points[0].Value)} | {Format(c.Points[^1].Value)} |");
                md.Append('\n');
            }
        }

        return md.ToString();
    }

    /// <summary>The curves as CSV (<c>curves.csv</c>): <c>scope,metric,k,value,ci_low,ci_high</c>, scope <c>all</c> or <c>level:&lt;level&gt;</c>.</summary>
    public static string Csv(PoolAnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new StringBuilder("scope,metric,k,value,ci_low,ci_high\n");
        void Rows(string scope, IEnumerable<MetricCurve> curves)
        {
            foreach (var c in curves)
            {
                foreach (var p in c.Points)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{CsvField(scope)},{c.Metric.Key()},{p.K},{Format(p.Value)},{(p.Interval is { } a ? Format(a.Lower) : string.Empty)},{(p.Interval is { } b ? Format(b.Upper) : string.Empty)}\n");
                }
            }
        }

        Rows("all", result.Curves);
        foreach (var level in result.ByLevel) Rows("level:" + level.Level, level.Curves);
        return csv.ToString();
    }

    private static void WriteCurves(Utf8JsonWriter json, string name, IReadOnlyList<MetricCurve> curves, bool ci)
    {
        json.WriteStartObject(name);
        WriteCurveValues(json, curves, ci);
        json.WriteEndObject();
    }

    private static void WriteCurveValues(Utf8JsonWriter json, IReadOnlyList<MetricCurve> curves, bool ci)
    {
        foreach (var metric in AllMetrics)
        {
            var curve = curves.FirstOrDefault(c => c.Metric == metric);
            if (curve is null)
            {
                json.WriteNull(metric.Key());
                continue;
            }

            json.WriteStartObject(metric.Key());
            foreach (var p in curve.Points)
            {
                var key = p.K.ToString(CultureInfo.InvariantCulture);
                if (ci) Interval(json, key, p.Interval);
                else Number(json, key, p.Value);
            }

            json.WriteEndObject();
        }
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, Round(value));
        else json.WriteNull(name);
    }

    private static void Interval(Utf8JsonWriter json, string name, ConfidenceInterval? interval)
    {
        if (interval is not { } ci || !double.IsFinite(ci.Lower) || !double.IsFinite(ci.Upper))
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartArray(name);
        json.WriteNumberValue(Round(ci.Lower));
        json.WriteNumberValue(Round(ci.Upper));
        json.WriteEndArray();
    }

    private static double Round(double value) => Math.Round(value, 6, MidpointRounding.AwayFromZero) is var r && r == 0 ? 0.0 : r;

    private static string Format(double value) => double.IsFinite(value) ? Round(value).ToString("R", CultureInfo.InvariantCulture) : "n/a";

    private static string Ci(ConfidenceInterval? interval) => interval is { } ci ? $" [{Format(ci.Lower)}, {Format(ci.Upper)}]" : string.Empty;

    private static string CsvField(string value) => value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}

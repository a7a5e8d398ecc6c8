namespace InferScale.Analysis.ComputeOptimal;

/// <summary>A configuration's per-problem results, averaged over its seeds (problems in the analysis's order).</summary>
/// <param name="Configuration">The configuration.</param>
/// <param name="Correct">Fraction of seeds correct, per problem (an unknown or failed result counts as wrong).</param>
/// <param name="Tokens">Mean tokens per problem.</param>
/// <param name="Flops">Mean policy FLOPs per problem.</param>
/// <param name="Seeds">How many cases (seeds) were averaged.</param>
internal sealed record ConfigurationResults(PolicyConfiguration Configuration, double[] Correct, double[] Tokens, double[] Flops, int Seeds)
{
    public string Key { get; } = Configuration.Key;

    public double Accuracy => Correct.Length == 0 ? 0 : Correct.Average();

    public double MeanTokens => Tokens.Length == 0 ? 0 : Tokens.Average();

    public double MeanFlops => Flops.Length == 0 ? 0 : Flops.Average();
}

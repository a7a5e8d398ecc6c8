namespace InferScale.Analysis;

/// <summary>The sample-pool file layouts <see cref="PoolLoader"/> reads.</summary>
public enum PoolFormat
{
    /// <summary>InferScale's own JSONL pool: one line per sample (see <see cref="SamplePoolReader"/>).</summary>
    InferScale,

    /// <summary>Qwen2.5-Math evaluation output: one line per problem with <c>response</c>, <c>pred</c>, <c>score</c>, <c>pred_score</c> lists.</summary>
    Qwen,

    /// <summary>OpenAI's GSM8K example model solutions: one line per problem, one solution from each of four systems.</summary>
    Gsm8kExamples,

    /// <summary>Tree-of-Thoughts Game-of-24 log: a JSON list of <c>{idx, ys, infos}</c>.</summary>
    Game24,
}

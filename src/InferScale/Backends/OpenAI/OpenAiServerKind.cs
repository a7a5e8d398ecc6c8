namespace InferScale.Backends.OpenAI;

/// <summary>
/// Which server an <see cref="OpenAiCompatibleGenerator"/> talks to: it decides which sampling fields are sent, how
/// samples are batched and seeded, and how tokens are counted, so that the distribution sampled is the one asked for
/// and token accounting stays exact on each server's quirks.
/// </summary>
public enum OpenAiServerKind
{
    /// <summary>
    /// Any OpenAI-compatible server (the default): <c>top_k</c>, <c>top_p</c> and <c>min_p</c> are always sent, disabled
    /// ones included (<c>top_k: 0, top_p: 1, min_p: 0</c>), which vLLM, SGLang and llama-server honour and lenient servers
    /// ignore; strict servers (the official OpenAI API) reject the unknown fields: use <see cref="OpenAI"/> there.
    /// </summary>
    Generic,

    /// <summary>
    /// The official OpenAI API: only its documented fields are sent (it rejects unknown ones such as <c>top_k</c>); a
    /// request with <c>TopK</c> or <c>MinP</c> set cannot be honoured and fails with <see cref="ArgumentException"/>.
    /// </summary>
    OpenAI,

    /// <summary>vLLM: as <see cref="Generic"/>, but a disabled top-k is sent as <c>-1</c>, which every vLLM version accepts (older ones reject 0).</summary>
    Vllm,

    /// <summary>
    /// llama.cpp's <c>llama-server</c>. Its quirks (0.5.0) and how each is handled:
    /// <list type="bullet">
    /// <item>Default sampling truncates (top-k 40, top-p 0.95, min-p 0.05, applied before temperature): every request
    /// sends <c>top_k</c>, <c>top_p</c>, <c>min_p</c>, <c>samplers: [temperature, top_k, top_p, min_p]</c> (the engine's
    /// order; penalties, DRY, XTC, typical-p and top-n-σ are left out of the chain), <c>mirostat: 0</c>,
    /// <c>dynatemp_range: 0</c> and <c>ignore_eos: false</c>, so server command-line defaults cannot change the distribution.</item>
    /// <item>With <c>n</c> &gt; 1, choice <c>j</c> is seeded with <c>seed + j</c>: every sample <c>i</c> is sent the seed
    /// <see cref="SampleSeeds.Consecutive"/>(seed, i), so a call for samples <c>i…i+n−1</c> sends the seed of sample
    /// <c>i</c> and sample <c>i</c> gets the same seed whether it is drawn alone or in any batch.</item>
    /// <item><c>n</c> may not exceed the server's slots (400 otherwise): calls are capped by <c>total_slots</c> from
    /// <c>GET /props</c>.</item>
    /// <item>With <c>n</c> &gt; 1, <c>usage.completion_tokens</c> is choice 0's count only; and logprob entries leave
    /// out the tokens of a matched stop string (usage counts them). So a call carries several samples only when it has
    /// no stop strings, and then asks for at least one logprob per token: choice 0 is counted by the usage, the others
    /// by their logprob entries (which include a final end-of-sequence token). Requests with stop strings become single
    /// calls, each counted exactly by its usage (the server's prompt cache keeps the shared prefix).</item>
    /// <item><c>logprobs: 0</c> returns no logprobs (OpenAI returns the sampled token's): at least 1 is requested and the
    /// alternatives trimmed to the number asked for; <c>/v1/completions</c> returns logprobs in the chat format
    /// (<c>content</c> entries), which the parser reads.</item>
    /// <item>More than four stop strings are accepted: all are sent.</item>
    /// </list>
    /// </summary>
    LlamaCpp,

    /// <summary>
    /// Detect the server on first use from <c>GET {base}/models</c> (<c>owned_by</c>: <c>llamacpp</c> → <see cref="LlamaCpp"/>,
    /// <c>vllm</c> → <see cref="Vllm"/>, <c>openai</c>/<c>system</c> → <see cref="OpenAI"/>, anything else →
    /// <see cref="Generic"/>); a server that cannot be reached is treated as <see cref="Generic"/> for that request and
    /// detected again on the next.
    /// </summary>
    Auto,
}

namespace InferScale.Backends.OpenAI;

/// <summary>One HTTP call of a generation request: samples <c>FirstIndex … FirstIndex + Count − 1</c>, sent with one seed.</summary>
/// <param name="FirstIndex">Index of the call's first sample in the request's sample stream.</param>
/// <param name="Count">Samples in the call (sent as <c>n</c> when above 1).</param>
/// <param name="Seed">The seed sent, derived from the first sample's index (<see cref="SampleSeeds.Derive"/>, or <see cref="SampleSeeds.Consecutive"/> for llama-server).</param>
internal readonly record struct OpenAiCall(int FirstIndex, int Count, int Seed);

namespace InferScale.Experiments.Store;

/// <summary>
/// A worker's lease on a case. <see cref="Fence"/> increases with every claim of the case, and every write carries it:
/// a worker whose lease expired and was taken over can no longer write (<see cref="LeaseLostException"/>).
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Case">The claimed case.</param>
/// <param name="WorkerId">Who holds it.</param>
/// <param name="Fence">The claim's fencing token.</param>
/// <param name="Attempt">How many times the case has been claimed, this claim included.</param>
public sealed record CaseClaim(string RunId, StoredCase Case, string WorkerId, long Fence, int Attempt);

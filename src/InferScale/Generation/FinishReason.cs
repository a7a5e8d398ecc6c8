namespace InferScale.Generation;

/// <summary>Why a generated sequence ended.</summary>
public enum FinishReason
{
    /// <summary>The model emitted an end-of-sequence token or a stop string matched.</summary>
    Stop,

    /// <summary>The maximum number of tokens was reached.</summary>
    Length,

    /// <summary>The caller cancelled, or a strategy terminated the sequence early (for example DeepConf online).</summary>
    Cancelled,

    /// <summary>The backend failed to produce this sample; the sample's text is empty or partial.</summary>
    Error,
}

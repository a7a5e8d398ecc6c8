namespace InferScale.Engine.Kernels;

/// <summary>A unit of parallel work: part <c>part</c> of <c>parts</c> contiguous parts.</summary>
internal interface IPoolWork
{
    /// <summary>Runs one part.</summary>
    void Execute(int part, int parts);
}

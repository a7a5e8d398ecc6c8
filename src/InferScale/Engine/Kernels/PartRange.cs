namespace InferScale.Engine.Kernels;

/// <summary>How a <see cref="WorkerPool"/> job splits <c>count</c> items into <c>parts</c> contiguous ranges.</summary>
internal static class PartRange
{
    /// <summary>
    /// Items <c>[start, end)</c> of part <paramref name="part"/> of <paramref name="parts"/>: whole blocks of
    /// <paramref name="align"/> items (a kernel's row tile), spread as evenly as possible; the last block may be short.
    /// </summary>
    public static (int Start, int End) Of(int count, int align, int part, int parts)
    {
        var blocks = (count + align - 1) / align;
        var start = Math.Min(count, (int)((long)blocks * part / parts) * align);
        var end = Math.Min(count, (int)((long)blocks * (part + 1) / parts) * align);
        return (start, end);
    }
}

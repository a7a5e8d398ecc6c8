namespace InferScale.Engine.Kernels;

/// <summary>The parallel part of <see cref="MatMulQ8"/>.Compute: each thread takes a contiguous range of output rows (multiples of 8, whole interleaved groups).</summary>
internal sealed unsafe class MatMulQ8Work : IPoolWork
{
    private float* _x;
    private sbyte* _q;
    private float* _scales;
    private float* _y;
    private int _batch;
    private int _inDim;
    private int _outDim;

    public void Set(float* x, sbyte* q, float* scales, float* y, int batch, int inDim, int outDim)
    {
        _x = x;
        _q = q;
        _scales = scales;
        _y = y;
        _batch = batch;
        _inDim = inDim;
        _outDim = outDim;
    }

    public void Execute(int part, int parts)
    {
        var (start, end) = PartRange.Of(_outDim, MatMulQ8.Group, part, parts);
        if (start < end)
            MatMulQ8.Rows(_x, _q, _scales, _y, _batch, _inDim, _outDim, start, end);
    }
}

namespace InferScale.Engine.Kernels;

/// <summary>The parallel part of <see cref="MatMul.Compute"/>: each thread takes a contiguous range of output rows (multiples of 4).</summary>
internal sealed unsafe class MatMulWork : IPoolWork
{
    private float* _x;
    private float* _w;
    private float* _y;
    private int _batch;
    private int _inDim;
    private int _outDim;

    public void Set(float* x, float* w, float* y, int batch, int inDim, int outDim)
    {
        _x = x;
        _w = w;
        _y = y;
        _batch = batch;
        _inDim = inDim;
        _outDim = outDim;
    }

    public void Execute(int part, int parts)
    {
        var (start, end) = PartRange.Of(_outDim, 4, part, parts);
        if (start < end)
            MatMul.Rows(_x, _w, _y, _batch, _inDim, _outDim, start, end);
    }
}

using System.Runtime.Intrinsics;
using InferScale.Engine.Kernels;

namespace InferScale.Tests.Engine.Kernels;

public sealed class VectorMathTests
{
    private static Vector512<float>[] Vectors(int count, int seed)
    {
        // Values of mixed magnitude so that a different addition order would change the rounding.
        var r = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Vector512.Create([.. Enumerable.Range(0, 16).Select(_ => (float)((r.NextDouble() - 0.5) * Math.Pow(10, r.Next(-3, 4))))]))];
    }

    private static int Bits(float f) => BitConverter.SingleToInt32Bits(f);

    [Fact]
    public void Reduce16_EveryLane_IsBitIdenticalToReduceOfItsVector()
    {
        if (!VectorMath.CanReduceTogether)
            return; // No AVX-512F: the kernels never call the combined reductions (they reduce each vector alone).
        for (var seed = 0; seed < 20; seed++)
        {
            var v = Vectors(16, seed);
            // Argument order v00, v10, v20, v30, v01, …: argument 4c + r is vector 4r + c.
            var a = new Vector512<float>[16];
            for (var r = 0; r < 4; r++)
            {
                for (var c = 0; c < 4; c++)
                    a[4 * c + r] = v[4 * r + c];
            }
            var result = VectorMath.Reduce16(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15]);
            for (var j = 0; j < 16; j++)
                Assert.Equal(Bits(VectorMath.Reduce(v[j])), Bits(result[j]));
        }
    }

    [Fact]
    public void Reduce8AndReduce4_LeadingLanes_AreBitIdenticalToReduce()
    {
        if (!VectorMath.CanReduceTogether)
            return; // No AVX-512F: the kernels never call the combined reductions (they reduce each vector alone).
        for (var seed = 0; seed < 20; seed++)
        {
            var v = Vectors(8, 100 + seed);
            var r8 = VectorMath.Reduce8(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
            for (var j = 0; j < 8; j++)
                Assert.Equal(Bits(VectorMath.Reduce(v[j])), Bits(r8[j]));
            var r4 = VectorMath.Reduce4(v[0], v[1], v[2], v[3]);
            for (var j = 0; j < 4; j++)
                Assert.Equal(Bits(VectorMath.Reduce(v[j])), Bits(r4[j]));
        }
    }
}

using InferScale.Engine.Kernels;

namespace InferScale.Tests.Engine.Kernels;

public sealed class EmbeddingTests
{
    [Fact]
    public void Lookup_Tokens_AgreesWithScalarReference()
    {
        var table = KernelData.Random(10 * 6, 1);
        int[] tokens = [3, 0, 9, 3];
        var expected = new float[24];
        var actual = new float[24];
        Embedding.Reference(table, 6, tokens, expected);
        Embedding.Lookup(table, 6, tokens, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Lookup_TokenOutsideVocabulary_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Embedding.Lookup(new float[12], 6, [2], new float[6]));
        Assert.Contains("Token id 2", ex.Message);
    }
}

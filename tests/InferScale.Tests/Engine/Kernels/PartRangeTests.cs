using InferScale.Engine.Kernels;

namespace InferScale.Tests.Engine.Kernels;

public sealed class PartRangeTests
{
    [Theory]
    [InlineData(0, 4, 2)]
    [InlineData(1, 4, 3)]
    [InlineData(259, 8, 2)]
    [InlineData(576, 4, 3)]
    [InlineData(7, 1, 16)]
    [InlineData(1000, 8, 7)]
    public void Of_PartsTileTheItemsInAlignedContiguousRanges(int count, int align, int parts)
    {
        var next = 0;
        for (var part = 0; part < parts; part++)
        {
            var (start, end) = PartRange.Of(count, align, part, parts);
            Assert.Equal(next, start);
            Assert.True(end >= start, $"part {part}: [{start}, {end})");
            Assert.True(start % align == 0 || start == count, $"part {part} starts at {start}, not a multiple of {align}");
            next = end;
        }
        Assert.Equal(count, next);
    }
}

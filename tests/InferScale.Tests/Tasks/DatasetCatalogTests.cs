using InferScale.Tasks;

namespace InferScale.Tests.Tasks;

public sealed class DatasetCatalogTests
{
    [Fact]
    public void Resolve_Path_DetectsFormatAndNamesDatasetAfterFile()
    {
        var source = DatasetCatalog.Default.Resolve(SharedData.Benchmark("aime24-test.jsonl"));

        Assert.Equal("aime24-test", source.Name);
        Assert.Equal(DatasetFormat.Competition, source.Format);
    }

    [Fact]
    public void Resolve_BuiltInMissingFromFolder_ErrorListsTheFolderSearched()
    {
        var empty = SharedData.TempDirectory();
        var catalog = new DatasetCatalog(empty);

        var ex = Assert.Throws<FileNotFoundException>(() => catalog.Resolve("gsm8k"));

        Assert.Contains("gsm8k-test.jsonl", ex.Message, StringComparison.Ordinal);
        Assert.Contains(empty, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NeitherNameNorFile_ErrorListsBuiltIns()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => DatasetCatalog.Default.Resolve("no-such-dataset"));

        Assert.Contains("math500", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BuiltInNameIsCaseInsensitive()
    {
        Assert.Equal("math500", DatasetCatalog.Default.Resolve("MATH500").Name);
    }
}

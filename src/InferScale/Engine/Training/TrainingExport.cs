using InferScale.Engine.Gguf;

namespace InferScale.Engine.Training;

/// <summary>Writes trained models as GGUF files the engine and llama.cpp load.</summary>
public static class TrainingExport
{
    /// <summary>
    /// Saves <paramref name="model"/> to <paramref name="path"/> via <see cref="LlamaGguf.Save"/> with float32 weights and
    /// <paramref name="vocabulary"/> (the byte-level one, <see cref="TokenizerVocabulary.CreateByteLevel"/>, for the project's models).
    /// </summary>
    public static void SaveGguf(TrainingModel model, string path, TokenizerVocabulary vocabulary, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
            Directory.CreateDirectory(dir);
        LlamaGguf.Save(full, model.Config, model.ToWeights(), vocabulary, GgufTensorType.F32, name);
    }
}

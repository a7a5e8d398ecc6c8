using System.Runtime.InteropServices;
using System.Text;
using InferScale.Tasks.Arith;

namespace InferScale.Engine.Training;

/// <summary>
/// Everything needed to continue a run bit-identically: the model shape, the training options, the step, the
/// parameters and AdamW's moments (the data stream and the schedule are pure functions of the step and options).
/// <para>
/// File format (little-endian): magic <c>"ISTRAIN\0"</c>, version (u32: 1; 2 for a model with a value head, whose
/// config is followed by a u8 = 1; 3 for a run with a non-uniform <see cref="TrainingOptions.LevelMix"/>, whose config is
/// followed by the value-head u8 (0 or 1) and whose options end with the five level weights as i32), the config
/// (7 × i32, 2 × f32, u8 tied), the options (3 × i32, 2 × f32, i32, 5 × f32, u64 seed, f64, u8), step (i64), parameter count (i32), then parameters,
/// first and second moments (f32 each), and last a 64-bit FNV-1a checksum of every preceding byte (taken over 8-byte little-endian words, then any trailing bytes). Files are written
/// to a temporary name and renamed, so an interrupted save never leaves a half-written checkpoint.
/// </para>
/// </summary>
public sealed class TrainingCheckpoint
{
    private const uint Version = 1;
    private const uint ValueHeadVersion = 2;
    private const uint LevelMixVersion = 3;
    private static readonly byte[] Magic = "ISTRAIN\0"u8.ToArray();

    /// <summary>The model shape.</summary>
    public required TransformerConfig Config { get; init; }

    /// <summary>The run's options.</summary>
    public required TrainingOptions Options { get; init; }

    /// <summary>Whether the model has a value head (a reward model; <see cref="ParameterLayout.HasValueHead"/>).</summary>
    public bool ValueHead { get; init; }

    /// <summary>Completed optimiser steps.</summary>
    public required long Step { get; init; }

    /// <summary>Parameters (<see cref="ParameterLayout"/> order).</summary>
    public required float[] Parameters { get; init; }

    /// <summary>AdamW first moments.</summary>
    public required float[] M { get; init; }

    /// <summary>AdamW second moments.</summary>
    public required float[] V { get; init; }

    /// <summary>Writes the checkpoint to <paramref name="path"/> (atomically, via a temporary file).</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var count = new ParameterLayout(Config, ValueHead).Count;
        if (Parameters.Length != count || M.Length != count || V.Length != count)
            throw new InvalidOperationException($"The checkpoint's arrays do not hold {count} values each.");
        using var buffer = new MemoryStream(64 + count * 12);
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            var mixed = !Options.LevelMix.IsUniform;
            w.Write(Magic);
            w.Write(mixed ? LevelMixVersion : ValueHead ? ValueHeadVersion : Version);
            var c = Config;
            foreach (var v in new[] { c.VocabSize, c.Dim, c.Layers, c.Heads, c.KvHeads, c.HiddenDim, c.ContextLength })
                w.Write(v);
            w.Write(c.RmsEps);
            w.Write(c.RopeTheta);
            w.Write(c.TiedEmbeddings);
            if (ValueHead || mixed)
                w.Write(ValueHead);
            var o = Options;
            w.Write(o.Steps);
            w.Write(o.BatchSize);
            w.Write(o.SequenceLength);
            w.Write(o.LearningRate);
            w.Write(o.MinLearningRateRatio);
            w.Write(o.WarmupSteps);
            foreach (var f in new[] { o.Beta1, o.Beta2, o.Epsilon, o.WeightDecay, o.GradClip })
                w.Write(f);
            w.Write(o.Seed);
            w.Write(o.SelfCheckRate);
            w.Write(o.TrainOnPrompt);
            if (mixed)
            {
                foreach (var weight in o.LevelMix.Weights)
                    w.Write(weight);
            }
            w.Write(Step);
            w.Write(count);
            w.Write(MemoryMarshal.AsBytes(Parameters.AsSpan()));
            w.Write(MemoryMarshal.AsBytes(M.AsSpan()));
            w.Write(MemoryMarshal.AsBytes(V.AsSpan()));
        }
        var hash = Fnv1a(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        buffer.Write(BitConverter.GetBytes(hash));
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
            Directory.CreateDirectory(dir);
        var temp = full + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            buffer.Position = 0;
            buffer.CopyTo(file);
        }
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Reads a checkpoint written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">Not a checkpoint, unknown version, truncated, damaged (checksum) or inconsistent; the message names the file and the field.</exception>
    public static TrainingCheckpoint Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = File.ReadAllBytes(path);
        InvalidDataException Bad(string what) => new($"{path}: {what}");
        if (bytes.Length < Magic.Length + 12 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw Bad("not an InferScale training checkpoint (bad magic).");
        var stored = BitConverter.ToUInt64(bytes, bytes.Length - 8);
        if (Fnv1a(bytes.AsSpan(0, bytes.Length - 8)) != stored)
            throw Bad("checksum mismatch: the file is damaged or truncated.");
        using var r = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - 8));
        r.ReadBytes(Magic.Length);
        var version = r.ReadUInt32();
        if (version is not (Version or ValueHeadVersion or LevelMixVersion))
            throw Bad($"format version {version} is not supported (expected {Version}, {ValueHeadVersion} or {LevelMixVersion}).");
        try
        {
            var config = new TransformerConfig
            {
                VocabSize = r.ReadInt32(),
                Dim = r.ReadInt32(),
                Layers = r.ReadInt32(),
                Heads = r.ReadInt32(),
                KvHeads = r.ReadInt32(),
                HiddenDim = r.ReadInt32(),
                ContextLength = r.ReadInt32(),
                RmsEps = r.ReadSingle(),
                RopeTheta = r.ReadSingle(),
                TiedEmbeddings = r.ReadBoolean(),
            };
            var valueHead = version is ValueHeadVersion or LevelMixVersion && r.ReadBoolean();
            var options = new TrainingOptions
            {
                Steps = r.ReadInt32(),
                BatchSize = r.ReadInt32(),
                SequenceLength = r.ReadInt32(),
                LearningRate = r.ReadSingle(),
                MinLearningRateRatio = r.ReadSingle(),
                WarmupSteps = r.ReadInt32(),
                Beta1 = r.ReadSingle(),
                Beta2 = r.ReadSingle(),
                Epsilon = r.ReadSingle(),
                WeightDecay = r.ReadSingle(),
                GradClip = r.ReadSingle(),
                Seed = r.ReadUInt64(),
                SelfCheckRate = r.ReadDouble(),
                TrainOnPrompt = r.ReadBoolean(),
            };
            if (version == LevelMixVersion)
                options = options with { LevelMix = new ArithLevelMix([r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32()]) };
            options.Validate(config);
            var step = r.ReadInt64();
            if (step < 0)
                throw Bad($"step is {step}.");
            var count = r.ReadInt32();
            var expected = new ParameterLayout(config, valueHead).Count;
            if (count != expected)
                throw Bad($"parameter count is {count}; the stored config needs {expected}.");
            if (r.BaseStream.Length - r.BaseStream.Position != 12L * count)
                throw Bad($"the tensor data is {r.BaseStream.Length - r.BaseStream.Position} bytes; {12L * count} expected.");
            float[] Read()
            {
                var a = new float[count];
                r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(a.AsSpan()));
                return a;
            }
            return new TrainingCheckpoint { Config = config, Options = options, ValueHead = valueHead, Step = step, Parameters = Read(), M = Read(), V = Read() };
        }
        catch (Exception ex) when (ex is ArgumentException or EndOfStreamException)
        {
            throw Bad($"inconsistent header: {ex.Message}");
        }
    }

    private static ulong Fnv1a(ReadOnlySpan<byte> data)
    {
        var h = 14695981039346656037UL;
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (var w in words)
            h = (h ^ w) * 1099511628211UL;
        for (var i = words.Length * 8; i < data.Length; i++)
            h = (h ^ data[i]) * 1099511628211UL;
        return h;
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;

namespace InferScale.Engine.Training;

/// <summary><see cref="Vector{T}"/> lanes (8 floats with AVX2; .NET keeps them 256-bit on AVX-512 hardware too).</summary>
internal readonly struct LanesNative : IFmaLanes<Vector<float>>
{
    /// <inheritdoc />
    public static int Count => Vector<float>.Count;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Load(ref float source, nuint offset) => Vector.LoadUnsafe(ref source, offset);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Broadcast(float value) => new(value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Fma(Vector<float> a, Vector<float> b, Vector<float> c) => Vector.FusedMultiplyAdd(a, b, c);
}

namespace InferScale.Engine.Training;

/// <summary>
/// One vector width for <see cref="MatMul"/>'s loops (<see cref="Lanes512"/>, <see cref="LanesNative"/>): the kernel is
/// written once over these static members and the JIT specialises it per struct, so each width runs its own code.
/// </summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal interface IFmaLanes<TVec>
    where TVec : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Loads <see cref="Count"/> floats at <paramref name="offset"/> from <paramref name="source"/>.</summary>
    static abstract TVec Load(ref float source, nuint offset);

    /// <summary>Stores <paramref name="value"/> at <paramref name="offset"/> from <paramref name="destination"/>.</summary>
    static abstract void Store(TVec value, ref float destination, nuint offset);

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TVec Broadcast(float value);

    /// <summary><c>a·b + c</c> per lane with one rounding.</summary>
    static abstract TVec Fma(TVec a, TVec b, TVec c);
}

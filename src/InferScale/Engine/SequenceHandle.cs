namespace InferScale.Engine;

/// <summary>
/// One sequence in an <see cref="EngineSession"/>: its tokens and its KV blocks. <see cref="Fork"/> shares the KV of a
/// prefix without copying it (a shared, partially filled last block is copied on the first write); <see cref="Release"/>
/// (or <see cref="Dispose"/>) returns unshared blocks to the pool.
/// </summary>
public sealed class SequenceHandle : IDisposable
{
    private readonly EngineSession _session;
    private KvBlock[] _blocks = [];
    private float[][] _blockData = [];
    private int _blockCount;
    private int[] _tokens = new int[16];

    internal SequenceHandle(EngineSession session) => _session = session;

    /// <summary>Positions whose KV is in the cache.</summary>
    public int Length { get; private set; }

    /// <summary>Whether <see cref="Release"/> was called.</summary>
    public bool IsReleased { get; private set; }

    /// <summary>The tokens whose KV is in the cache, in order.</summary>
    public ReadOnlySpan<int> Tokens => _tokens.AsSpan(0, Length);

    /// <summary>The session that owns this sequence.</summary>
    public EngineSession Session => _session;

    internal ReadOnlySpan<float[]> BlockData => _blockData.AsSpan(0, _blockCount);

    /// <summary>
    /// A new sequence sharing the first <paramref name="length"/> positions (all when omitted) of this one's KV cache.
    /// Costs no computation and copies no KV.
    /// </summary>
    public SequenceHandle Fork(int? length = null)
    {
        ThrowIfReleased();
        var n = length ?? Length;
        if (n < 0 || n > Length)
            throw new ArgumentOutOfRangeException(nameof(length), n, $"A fork length must be in [0, {Length}].");
        var fork = new SequenceHandle(_session);
        var blocks = (n + _session.Cache.BlockSize - 1) / _session.Cache.BlockSize;
        fork.EnsureBlockCapacity(blocks);
        for (var i = 0; i < blocks; i++)
        {
            KvCache.AddRef(_blocks[i]);
            fork._blocks[i] = _blocks[i];
            fork._blockData[i] = _blocks[i].Data;
        }
        fork._blockCount = blocks;
        fork.EnsureTokenCapacity(n);
        _tokens.AsSpan(0, n).CopyTo(fork._tokens);
        fork.Length = n;
        return fork;
    }

    /// <summary>Returns this sequence's blocks to the pool (shared blocks stay with their other owners). Idempotent.</summary>
    public void Release()
    {
        if (IsReleased)
            return;
        IsReleased = true;
        for (var i = 0; i < _blockCount; i++)
            _session.Cache.Release(_blocks[i]);
        _blockCount = 0;
        Length = 0;
    }

    /// <summary>Same as <see cref="Release"/>.</summary>
    public void Dispose() => Release();

    internal void ThrowIfReleased() => ObjectDisposedException.ThrowIf(IsReleased, this);

    /// <summary>Appends <paramref name="token"/> and returns the block (exclusively owned) and slot its KV goes to.</summary>
    internal (float[] Data, int Slot) Append(int token)
    {
        var cache = _session.Cache;
        var pos = Length;
        var blockIndex = pos / cache.BlockSize;
        var slot = pos % cache.BlockSize;
        if (blockIndex == _blockCount)
        {
            EnsureBlockCapacity(_blockCount + 1);
            _blocks[_blockCount] = cache.Rent();
            _blockData[_blockCount] = _blocks[_blockCount].Data;
            _blockCount++;
        }
        else if (_blocks[blockIndex].RefCount > 1)
        {
            _blocks[blockIndex] = cache.CopyOnWrite(_blocks[blockIndex], slot);
            _blockData[blockIndex] = _blocks[blockIndex].Data;
        }
        EnsureTokenCapacity(pos + 1);
        _tokens[pos] = token;
        Length = pos + 1;
        return (_blocks[blockIndex].Data, slot);
    }

    private void EnsureBlockCapacity(int blocks)
    {
        if (_blocks.Length >= blocks)
            return;
        var size = Math.Max(blocks, Math.Max(4, _blocks.Length * 2));
        Array.Resize(ref _blocks, size);
        Array.Resize(ref _blockData, size);
    }

    private void EnsureTokenCapacity(int n)
    {
        if (_tokens.Length < n)
            Array.Resize(ref _tokens, Math.Max(n, _tokens.Length * 2));
    }
}

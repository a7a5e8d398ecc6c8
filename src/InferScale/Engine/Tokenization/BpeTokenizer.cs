using System.Collections.Concurrent;
using System.Text;

namespace InferScale.Engine;

/// <summary>
/// GPT-2-style byte-level BPE as llama.cpp runs it: user-defined tokens are split out of the raw text, the rest is
/// pre-tokenized by the regexes of <c>tokenizer.ggml.pre</c>, each word's UTF-8 bytes become single-byte symbols, and
/// adjacent pairs are merged lowest rank first (leftmost first among equal ranks) with a priority queue; a final symbol
/// that is not a token falls back to single-byte tokens. Control tokens are never produced from text unless
/// <c>parseSpecial</c> is asked for, and decoding drops them. Immutable and thread-safe; words are cached.
/// </summary>
public sealed class BpeTokenizer : ITokenizer
{
    private const int MaxCachedWordLength = 64;
    private const int MaxCacheEntries = 1 << 16;
    private static readonly UTF8Encoding Utf8 = new(false, false);

    private readonly string[] _tokens;
    private readonly TokenType[] _types;
    private readonly byte[][] _tokenBytes;
    private readonly Dictionary<string, int> _textToId;
    private readonly Dictionary<long, (int Rank, int Result)> _merges = [];
    private readonly List<string> _pieces = [];
    private readonly List<int> _pieceToken = [];
    private readonly Dictionary<string, int> _pieceIds = new(StringComparer.Ordinal);
    private readonly int[] _bytePiece = new int[256];
    private readonly PreTokenizer _pre;
    private readonly int[] _userDefined;
    private readonly int[] _specials;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    /// <summary>Builds the tokenizer; throws <see cref="ArgumentException"/> for an invalid vocabulary or unsupported pre-tokenizer.</summary>
    public BpeTokenizer(TokenizerVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        vocabulary.Validate();
        Vocabulary = vocabulary;
        _pre = PreTokenizer.TryCreate(vocabulary.Pre)
            ?? throw new ArgumentException($"Pre-tokenizer '{vocabulary.Pre}' (tokenizer.ggml.pre) is not supported; supported: {string.Join(", ", PreTokenizer.SupportedNames)}.", nameof(vocabulary));
        _tokens = [.. vocabulary.Tokens];
        _types = [.. vocabulary.TokenTypes];
        _textToId = new Dictionary<string, int>(_tokens.Length, StringComparer.Ordinal);
        for (var i = 0; i < _tokens.Length; i++)
            _textToId[_tokens[i]] = i;
        _tokenBytes = new byte[_tokens.Length][];
        for (var i = 0; i < _tokens.Length; i++)
        {
            _tokenBytes[i] = _types[i] switch
            {
                TokenType.Normal => GptByteEncoding.Decode(_tokens[i]),
                TokenType.UserDefined => Encoding.UTF8.GetBytes(_tokens[i]),
                _ => [],
            };
        }
        for (var b = 0; b < 256; b++)
            _bytePiece[b] = Intern(GptByteEncoding.ByteToChar((byte)b).ToString());
        for (var rank = 0; rank < vocabulary.Merges.Count; rank++)
        {
            var merge = vocabulary.Merges[rank];
            var space = merge.IndexOf(' ', 1);
            var left = merge[..space];
            var right = merge[(space + 1)..];
            var key = Key(Intern(left), Intern(right));
            _merges.TryAdd(key, (rank, Intern(left + right)));
        }
        // Longest first, as llama.cpp orders its special-token cache.
        _userDefined = Enumerable.Range(0, _tokens.Length).Where(i => _types[i] == TokenType.UserDefined)
            .OrderByDescending(i => _tokens[i].Length).ThenBy(i => i).ToArray();
        _specials = Enumerable.Range(0, _tokens.Length).Where(i => _types[i] is TokenType.UserDefined or TokenType.Control or TokenType.Unknown)
            .OrderByDescending(i => _tokens[i].Length).ThenBy(i => i).ToArray();
    }

    /// <summary>The vocabulary this tokenizer was built from.</summary>
    public TokenizerVocabulary Vocabulary { get; }

    /// <summary>The pre-tokenizer family in use (e.g. <c>gpt-2</c>).</summary>
    public string PreTokenizerName => _pre.Name;

    /// <inheritdoc />
    public int VocabSize => _tokens.Length;

    /// <inheritdoc />
    public int BosId => Vocabulary.BosId;

    /// <inheritdoc />
    public int EosId => Vocabulary.EosId;

    /// <inheritdoc />
    public int[] Encode(string text, bool addBos) => Encode(text, addBos, parseSpecial: false);

    /// <summary>
    /// Encodes <paramref name="text"/>; with <paramref name="parseSpecial"/>, control-token texts in it (e.g. <c>&lt;s&gt;</c>)
    /// become those tokens, as llama.cpp's <c>parse_special</c> does. User-defined tokens are always recognised.
    /// </summary>
    public int[] Encode(string text, bool addBos, bool parseSpecial)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new List<int>(text.Length / 3 + 2);
        if (addBos && BosId >= 0)
            output.Add(BosId);
        var fragments = new List<(int Start, int Length, int Token)> { (0, text.Length, -1) };
        var specials = parseSpecial ? _specials : _userDefined;
        if (specials.Length > 0)
            fragments = Partition(text, fragments, specials);
        var words = new List<(int Start, int Length)>();
        foreach (var (start, length, token) in fragments)
        {
            if (token >= 0)
            {
                output.Add(token);
                continue;
            }
            words.Clear();
            _pre.Split(text, start, length, words);
            foreach (var (ws, wl) in words)
                EncodeWord(text, ws, wl, output);
        }
        return [.. output];
    }

    /// <inheritdoc />
    public ReadOnlySpan<byte> TokenBytes(int id)
    {
        if ((uint)id >= (uint)_tokens.Length)
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Token id must be in 0..{_tokens.Length - 1}.");
        return _tokenBytes[id];
    }

    /// <inheritdoc />
    public string Decode(ReadOnlySpan<int> ids)
    {
        var bytes = new List<byte>(ids.Length * 4);
        foreach (var id in ids)
            bytes.AddRange(TokenBytes(id));
        return Utf8.GetString([.. bytes]);
    }

    /// <summary>The token's string as stored in the vocabulary (GPT-2 byte form).</summary>
    public string TokenText(int id) => (uint)id < (uint)_tokens.Length ? _tokens[id] : throw new ArgumentOutOfRangeException(nameof(id));

    /// <summary>The token's type.</summary>
    public TokenType GetTokenType(int id) => (uint)id < (uint)_types.Length ? _types[id] : throw new ArgumentOutOfRangeException(nameof(id));

    private List<(int, int, int)> Partition(string text, List<(int Start, int Length, int Token)> fragments, int[] specials)
    {
        foreach (var special in specials)
        {
            var needle = _tokens[special];
            var next = new List<(int, int, int)>(fragments.Count);
            foreach (var (start, length, token) in fragments)
            {
                if (token >= 0 || length < needle.Length)
                {
                    next.Add((start, length, token));
                    continue;
                }
                var position = start;
                var end = start + length;
                while (position < end)
                {
                    var found = text.IndexOf(needle, position, end - position, StringComparison.Ordinal);
                    if (found < 0)
                        break;
                    if (found > position)
                        next.Add((position, found - position, -1));
                    next.Add((found, needle.Length, special));
                    position = found + needle.Length;
                }
                if (position < end)
                    next.Add((position, end - position, -1));
            }
            fragments = next;
        }
        return fragments;
    }

    private void EncodeWord(string text, int start, int length, List<int> output)
    {
        var cacheable = length <= MaxCachedWordLength;
        string? word = null;
        if (cacheable)
        {
            word = text.Substring(start, length);
            if (_cache.TryGetValue(word, out var cached))
            {
                output.AddRange(cached);
                return;
            }
        }
        var span = text.AsSpan(start, length);
        var bytes = new byte[Utf8.GetByteCount(span)];
        Utf8.GetBytes(span, bytes);
        var result = MergeWord(bytes);
        if (cacheable)
        {
            if (_cache.Count >= MaxCacheEntries)
                _cache.Clear();
            _cache.TryAdd(word!, result);
        }
        output.AddRange(result);
    }

    private int[] MergeWord(byte[] bytes)
    {
        if (_pre.IgnoreMerges && _textToId.TryGetValue(GptByteEncoding.Encode(bytes), out var whole))
            return [whole];
        var n = bytes.Length;
        var piece = new int[n];
        var prev = new int[n];
        var next = new int[n];
        for (var i = 0; i < n; i++)
        {
            piece[i] = _bytePiece[bytes[i]];
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        // Queue entries carry the pieces they were made from, so an entry made stale by an earlier merge is skipped.
        var queue = new PriorityQueue<(int Left, int Right, int LeftPiece, int RightPiece, int Result), long>();
        void TryAdd(int left, int right)
        {
            if (left < 0 || right < 0)
                return;
            if (_merges.TryGetValue(Key(piece[left], piece[right]), out var m))
                queue.Enqueue((left, right, piece[left], piece[right], m.Result), ((long)m.Rank << 32) | (uint)left);
        }
        for (var i = 1; i < n; i++)
            TryAdd(i - 1, i);
        while (queue.TryDequeue(out var e, out _))
        {
            if (piece[e.Left] != e.LeftPiece || piece[e.Right] != e.RightPiece || next[e.Left] != e.Right)
                continue;
            piece[e.Left] = e.Result;
            piece[e.Right] = -1;
            next[e.Left] = next[e.Right];
            if (next[e.Right] >= 0)
                prev[next[e.Right]] = e.Left;
            TryAdd(prev[e.Left], e.Left);
            TryAdd(e.Left, next[e.Left]);
        }
        var result = new List<int>(n);
        for (var i = 0; i >= 0 && n > 0; i = next[i])
        {
            var token = _pieceToken[piece[i]];
            if (token >= 0)
            {
                result.Add(token);
                continue;
            }
            // llama.cpp's fallback: look up each UTF-8 byte of the symbol's text as a one-character token.
            foreach (var b in Encoding.UTF8.GetBytes(_pieces[piece[i]]))
            {
                if (b < 0x80 && _textToId.TryGetValue(((char)b).ToString(), out var single))
                    result.Add(single);
            }
        }
        return [.. result];
    }

    private int Intern(string piece)
    {
        if (_pieceIds.TryGetValue(piece, out var id))
            return id;
        id = _pieces.Count;
        _pieces.Add(piece);
        _pieceToken.Add(_textToId.TryGetValue(piece, out var token) ? token : -1);
        _pieceIds.Add(piece, id);
        return id;
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}

namespace InferScale.Engine;

/// <summary>llama.cpp's token types (<c>tokenizer.ggml.token_type</c> values).</summary>
public enum TokenType
{
    /// <summary>An ordinary token produced by BPE.</summary>
    Normal = 1,

    /// <summary>The unknown token.</summary>
    Unknown = 2,

    /// <summary>A control token (BOS, EOS, pad …): never produced from text, dropped by decoding.</summary>
    Control = 3,

    /// <summary>A user-defined token: split out of raw text before BPE, decoded as its text.</summary>
    UserDefined = 4,

    /// <summary>An unused slot.</summary>
    Unused = 5,

    /// <summary>A SentencePiece byte token (<c>&lt;0xNN&gt;</c>).</summary>
    Byte = 6,
}

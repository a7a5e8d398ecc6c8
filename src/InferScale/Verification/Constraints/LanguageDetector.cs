using System.Text.RegularExpressions;

namespace InferScale.Verification.Constraints;

/// <summary>
/// Identifies the language of a text (ISO 639-1 code) for IFEval's language instructions. IFEval uses Python's
/// <c>langdetect</c>, which no .NET package offers here; this detector decides by script first (Hangul, Thai, the
/// Indic scripts, Arabic, Cyrillic, Greek, Hebrew, CJK) and then by function-word frequencies within a script
/// (Devanagari: hi/mr/ne; Arabic: ar/fa/ur; Cyrillic: ru/bg/uk; Latin: 17 languages, Vietnamese by its diacritics).
/// Deterministic and thread-safe. Returns <see langword="null"/> when the text has no letters (IFEval then counts the
/// instruction as followed, as it does when langdetect fails).
/// </summary>
public static partial class LanguageDetector
{
    private enum Script { Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Thai, Hangul, Kana, Han, Other }

    private static readonly Dictionary<string, string[]> LatinWords = new()
    {
        ["en"] = ["the", "and", "of", "to", "is", "in", "that", "it", "for", "you", "with", "are", "this", "was", "be", "on", "as", "have", "not", "your", "can", "will", "they", "from", "we", "or", "an", "at", "by"],
        ["de"] = ["der", "die", "und", "das", "ist", "nicht", "ich", "sie", "es", "zu", "den", "mit", "sich", "auf", "dem", "ein", "eine", "auch", "für", "von", "wir", "wird", "sind", "werden", "oder", "bei", "aus"],
        ["fr"] = ["le", "la", "les", "et", "des", "est", "une", "un", "du", "que", "pour", "dans", "qui", "pas", "sur", "au", "avec", "ce", "sont", "vous", "nous", "il", "elle", "mais", "ou"],
        ["es"] = ["el", "la", "de", "que", "y", "en", "los", "las", "es", "un", "una", "por", "con", "para", "del", "se", "no", "al", "como", "más", "pero", "su", "lo", "muy", "está"],
        ["it"] = ["il", "di", "che", "e", "la", "è", "per", "un", "una", "non", "sono", "del", "della", "le", "gli", "con", "si", "da", "anche", "come", "questo", "ma", "nel", "alla", "più"],
        ["pt"] = ["o", "a", "de", "que", "e", "do", "da", "em", "um", "uma", "para", "é", "com", "não", "os", "as", "no", "na", "se", "por", "mais", "dos", "das", "ao", "você", "são", "também"],
        ["nl"] = ["de", "het", "een", "en", "van", "is", "dat", "niet", "ik", "je", "op", "te", "zijn", "met", "voor", "er", "maar", "ook", "wordt", "aan", "bij", "hij", "deze"],
        ["sw"] = ["na", "ya", "wa", "kwa", "ni", "za", "la", "katika", "kuwa", "hii", "cha", "au", "yake", "kama", "lakini", "pia", "sana", "wako", "kutoka", "hiyo", "kila", "wewe", "mimi", "yako", "vya", "ili"],
        ["fi"] = ["ja", "on", "ei", "se", "että", "hän", "oli", "ovat", "mutta", "tai", "kun", "myös", "tämä", "joka", "sen", "kuin", "niin", "voi", "sinun", "olla", "minä", "mitä", "jos", "vain"],
        ["sv"] = ["och", "att", "det", "som", "en", "är", "av", "för", "med", "till", "den", "inte", "på", "har", "jag", "du", "om", "ett", "men", "var"],
        ["da"] = ["og", "at", "det", "er", "en", "til", "på", "den", "af", "med", "for", "ikke", "jeg", "de", "som", "har", "du", "et", "men", "fra"],
        ["no"] = ["og", "er", "det", "som", "på", "en", "til", "med", "ikke", "av", "for", "jeg", "har", "du", "den", "et", "men", "fra", "seg", "vil"],
        ["pl"] = ["i", "w", "nie", "się", "na", "to", "że", "z", "do", "jest", "jak", "co", "ale", "o", "tak", "od", "po", "są", "dla", "przez"],
        ["tr"] = ["ve", "bir", "bu", "da", "de", "için", "ile", "çok", "ne", "daha", "gibi", "olarak", "ama", "değil", "var", "olan", "sen", "ben", "mi", "her"],
        ["id"] = ["yang", "dan", "di", "ini", "itu", "dengan", "untuk", "tidak", "dari", "dalam", "akan", "pada", "juga", "saya", "anda", "ke", "karena", "ada", "bisa", "atau"],
        ["ro"] = ["și", "în", "de", "la", "nu", "cu", "este", "un", "o", "pe", "să", "care", "mai", "din", "pentru", "ce", "sunt", "dar", "fi", "au"],
        ["cs"] = ["a", "je", "se", "na", "v", "že", "to", "s", "z", "do", "jsem", "není", "jak", "ale", "by", "pro", "tak", "jsou", "od", "po"],
    };

    private static readonly Dictionary<string, string[]> DevanagariWords = new()
    {
        ["hi"] = ["है", "के", "में", "की", "और", "को", "से", "का", "हैं", "यह", "पर", "भी", "नहीं", "एक", "लिए", "था", "कि", "हो", "आप", "जो"],
        ["mr"] = ["आहे", "आणि", "या", "हे", "की", "करा", "मध्ये", "आहेत", "तुम्ही", "त्या", "व", "होते", "त्याच्या", "नाही", "पण", "साठी", "हा", "ही", "एक", "केले"],
        ["ne"] = ["छ", "र", "को", "मा", "हो", "छन्", "पनि", "गर्न", "यो", "भएको", "लागि", "गरेको", "हुन्छ", "थियो", "तपाईं", "तर", "एक", "भने", "गर्ने", "छु"],
    };

    private static readonly Dictionary<string, string[]> ArabicWords = new()
    {
        ["ar"] = ["في", "من", "على", "أن", "إلى", "التي", "الذي", "هذا", "عن", "مع", "هذه", "كان", "ما", "لا", "هو", "أو", "ذلك", "كل", "بين", "قد"],
        ["fa"] = ["و", "در", "به", "از", "که", "این", "را", "با", "است", "برای", "آن", "یک", "می", "شود", "هم", "تا", "بر", "کند", "ما", "شما"],
        ["ur"] = ["کے", "میں", "کی", "ہے", "اور", "کو", "سے", "کا", "یہ", "نے", "پر", "ہیں", "بھی", "ایک", "کہ", "تھا", "آپ", "جو", "ہو", "لیے"],
    };

    private static readonly Dictionary<string, string[]> CyrillicWords = new()
    {
        ["ru"] = ["и", "в", "не", "на", "что", "я", "с", "он", "как", "это", "по", "но", "из", "к", "у", "вы", "за", "от", "так", "его", "для", "мы", "же", "бы", "был"],
        ["bg"] = ["и", "на", "в", "е", "да", "се", "за", "не", "с", "от", "че", "са", "по", "като", "това", "ще", "си", "има", "му", "но", "към", "ли", "това", "които", "във"],
        ["uk"] = ["і", "в", "не", "на", "що", "й", "з", "як", "це", "та", "до", "у", "я", "його", "від", "за", "але", "ви", "ми", "є"],
    };

    /// <summary>The ISO 639-1 code of <paramref name="text"/>'s language, or <see langword="null"/> when it has no letters.</summary>
    public static string? Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = new int[Enum.GetValues<Script>().Length];
        var letters = 0;
        var vietnamese = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
                continue;
            letters++;
            counts[(int)ScriptOf(c)]++;
            if (IsVietnameseLetter(c))
                vietnamese++;
        }
        if (letters == 0)
            return null;
        var dominant = (Script)Array.IndexOf(counts, counts.Max());
        return dominant switch
        {
            Script.Hangul => "ko",
            Script.Kana => "ja",
            Script.Han => counts[(int)Script.Kana] > 0 ? "ja" : counts[(int)Script.Hangul] > 0 ? "ko" : "zh",
            Script.Thai => "th",
            Script.Bengali => "bn",
            Script.Gurmukhi => "pa",
            Script.Gujarati => "gu",
            Script.Oriya => "or",
            Script.Tamil => "ta",
            Script.Telugu => "te",
            Script.Kannada => "kn",
            Script.Malayalam => "ml",
            Script.Greek => "el",
            Script.Hebrew => "he",
            Script.Devanagari => ByWords(text, DevanagariWords, "hi"),
            Script.Arabic => DetectArabic(text),
            Script.Cyrillic => DetectCyrillic(text),
            Script.Latin => vietnamese * 20 >= counts[(int)Script.Latin] ? "vi" : ByWords(text, LatinWords, "en"),
            _ => null,
        };
    }

    private static string DetectArabic(string text)
    {
        // Persian and Urdu letters that Arabic does not use settle most texts before word counts are needed.
        int persian = 0, urdu = 0;
        foreach (var c in text)
        {
            if (c is 'ے' or 'ٹ' or 'ڈ' or 'ڑ' or 'ں' or 'ھ' or 'ہ')
                urdu++;
            else if (c is 'پ' or 'چ' or 'ژ' or 'گ' or 'ک' or 'ی')
                persian++;
        }
        if (urdu > 2)
            return "ur";
        var byWords = ByWords(text, ArabicWords, "ar");
        return byWords == "ar" && persian > 2 ? "fa" : byWords;
    }

    private static string DetectCyrillic(string text)
    {
        int ruOnly = 0, ukOnly = 0, hardSign = 0;
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is 'ы' or 'э' or 'ё')
                ruOnly++;
            else if (c is 'ї' or 'є' or 'і' or 'ґ')
                ukOnly++;
            else if (c == 'ъ')
                hardSign++;
        }
        if (ukOnly > 1 && ukOnly > ruOnly)
            return "uk";
        if (ruOnly > 1)
            return "ru";
        return hardSign > 0 ? "bg" : ByWords(text, CyrillicWords, "ru");
    }

    private static string ByWords(string text, Dictionary<string, string[]> profiles, string fallback)
    {
        var words = WordRegex().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        string best = fallback;
        var bestScore = 0;
        foreach (var (language, stopwords) in profiles)
        {
            var set = new HashSet<string>(stopwords, StringComparer.Ordinal);
            var score = words.Count(set.Contains);
            if (score > bestScore)
            {
                bestScore = score;
                best = language;
            }
        }
        return best;
    }

    private static bool IsVietnameseLetter(char c) =>
        c is 'ơ' or 'Ơ' or 'ư' or 'Ư' or 'ă' or 'Ă' or 'đ' or 'Đ' || (c >= '\u1EA0' && c <= '\u1EF9');

    private static Script ScriptOf(char c) => c switch
    {
        >= '\u0041' and <= '\u024F' => Script.Latin,
        >= '\u1E00' and <= '\u1EFF' => Script.Latin,
        >= '\u0370' and <= '\u03FF' => Script.Greek,
        >= '\u0400' and <= '\u052F' => Script.Cyrillic,
        >= '\u0590' and <= '\u05FF' => Script.Hebrew,
        >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF' => Script.Arabic,
        >= '\u0900' and <= '\u097F' => Script.Devanagari,
        >= '\u0980' and <= '\u09FF' => Script.Bengali,
        >= '\u0A00' and <= '\u0A7F' => Script.Gurmukhi,
        >= '\u0A80' and <= '\u0AFF' => Script.Gujarati,
        >= '\u0B00' and <= '\u0B7F' => Script.Oriya,
        >= '\u0B80' and <= '\u0BFF' => Script.Tamil,
        >= '\u0C00' and <= '\u0C7F' => Script.Telugu,
        >= '\u0C80' and <= '\u0CFF' => Script.Kannada,
        >= '\u0D00' and <= '\u0D7F' => Script.Malayalam,
        >= '\u0E00' and <= '\u0E7F' => Script.Thai,
        >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F' or >= '\uAC00' and <= '\uD7AF' => Script.Hangul,
        >= '\u3040' and <= '\u30FF' => Script.Kana,
        >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' => Script.Han,
        _ => Script.Other,
    };

    [GeneratedRegex(@"[\p{L}\p{M}]+", RegexOptions.None, 1000)]
    private static partial Regex WordRegex();
}

using InferScale.Verification.Constraints;

namespace InferScale.Tests.Verification.Constraints;

public sealed class LanguageDetectorTests
{
    [Theory]
    [InlineData("en", "The answer to the question is that it will rain tomorrow and you should take an umbrella.")]
    [InlineData("de", "Die Antwort ist, dass es morgen regnen wird und Sie einen Schirm mitnehmen sollten.")]
    [InlineData("it", "La risposta è che domani pioverà e che non è una buona idea uscire senza ombrello.")]
    [InlineData("pt", "A resposta é que amanhã vai chover e você não deve sair sem um guarda-chuva.")]
    [InlineData("fi", "Vastaus on, että huomenna sataa ja sinun kannattaa ottaa sateenvarjo mukaan, jos voit.")]
    [InlineData("sw", "Jibu ni kwamba kesho kutakuwa na mvua na ni vizuri kubeba mwavuli kwa sababu hii.")]
    [InlineData("vi", "Câu trả lời là ngày mai trời sẽ mưa và bạn nên mang theo một chiếc ô.")]
    [InlineData("ru", "Ответ в том, что завтра будет дождь, и вам стоит взять зонтик с собой.")]
    [InlineData("bg", "Отговорът е, че утре ще вали и трябва да вземете чадър със себе си.")]
    [InlineData("hi", "उत्तर यह है कि कल बारिश होगी और आपको छाता साथ ले जाना चाहिए क्योंकि मौसम खराब है।")]
    [InlineData("mr", "उत्तर असे आहे की उद्या पाऊस पडणार आहे आणि तुम्ही छत्री सोबत घ्यावी.")]
    [InlineData("ne", "उत्तर यो हो कि भोलि पानी पर्छ र तपाईंले छाता लिएर जानु पर्छ भने राम्रो हुन्छ।")]
    [InlineData("ar", "الجواب هو أن المطر سوف يهطل غدا ومن الأفضل أن تأخذ مظلة معك في هذا اليوم.")]
    [InlineData("fa", "پاسخ این است که فردا باران می بارد و بهتر است چتر را با خود ببرید.")]
    [InlineData("ur", "جواب یہ ہے کہ کل بارش ہوگی اور آپ کو چھتری ساتھ لے جانی چاہیے۔")]
    [InlineData("ko", "대답은 내일 비가 올 것이니 우산을 가져가야 한다는 것입니다.")]
    [InlineData("th", "คำตอบคือพรุ่งนี้ฝนจะตกและคุณควรพกร่มไปด้วย")]
    [InlineData("bn", "উত্তর হল আগামীকাল বৃষ্টি হবে এবং আপনার ছাতা নেওয়া উচিত।")]
    [InlineData("ta", "பதில் என்னவென்றால் நாளை மழை பெய்யும், நீங்கள் குடையை எடுத்துச் செல்ல வேண்டும்.")]
    [InlineData("te", "సమాధానం ఏమిటంటే రేపు వర్షం పడుతుంది మరియు మీరు గొడుగు తీసుకెళ్లాలి.")]
    [InlineData("kn", "ಉತ್ತರವೆಂದರೆ ನಾಳೆ ಮಳೆ ಬರುತ್ತದೆ ಮತ್ತು ನೀವು ಕೊಡೆ ತೆಗೆದುಕೊಂಡು ಹೋಗಬೇಕು.")]
    [InlineData("gu", "જવાબ એ છે કે આવતીકાલે વરસાદ પડશે અને તમારે છત્રી સાથે લઈ જવી જોઈએ.")]
    [InlineData("pa", "ਜਵਾਬ ਇਹ ਹੈ ਕਿ ਕੱਲ੍ਹ ਮੀਂਹ ਪਵੇਗਾ ਅਤੇ ਤੁਹਾਨੂੰ ਛੱਤਰੀ ਨਾਲ ਲੈ ਜਾਣੀ ਚਾਹੀਦੀ ਹੈ।")]
    public void Detect_SentenceInLanguage_ReturnsItsCode(string code, string text) =>
        Assert.Equal(code, LanguageDetector.Detect(text));

    [Fact]
    public void Detect_NoLetters_ReturnsNull() => Assert.Null(LanguageDetector.Detect("12 + 7 = 19 !!!"));
}

using System.Text.Json.Nodes;
using InferScale.Verification.Constraints;

namespace InferScale.Tests.Verification.Constraints;

public sealed class InstructionConstraintsTests
{
    private static bool Strict(string id, string kwargs, string response) =>
        InstructionConstraints.Create(id, JsonNode.Parse(kwargs)!.AsObject()).IsFollowed(response, ConstraintMode.Strict);

    [Theory]
    [InlineData("length_constraints:number_words", """{"num_words": 5, "relation": "at least"}""", "one two three four five", "one two three four")]
    [InlineData("length_constraints:number_words", """{"num_words": 3, "relation": "less than"}""", "one, two!", "one two three")]
    [InlineData("length_constraints:number_sentences", """{"num_sentences": 2, "relation": "at least"}""", "Dr. Smith came. He left at 3.30 today!", "Dr. Smith came at 3.30 today.")]
    [InlineData("length_constraints:number_sentences", """{"num_sentences": 2, "relation": "less than"}""", "Mr. and Mrs. J.R. Smith live in the U.S.A. with Inc. stuff", "One. Two.")]
    [InlineData("length_constraints:number_paragraphs", """{"num_paragraphs": 3}""", "a\n***\nb\n***\nc", "a\n***\n\n***\nc")]
    [InlineData("length_constraints:nth_paragraph_first_word", """{"num_paragraphs": 2, "nth_paragraph": 2, "first_word": "Then"}""", "First part.\n\n\"Then, second.", "First part.\n\nNow second.")]
    [InlineData("keywords:existence", """{"keywords": ["alpha", "beta"]}""", "ALPHA and Beta", "alpha only")]
    [InlineData("keywords:forbidden_words", """{"forbidden_words": ["cat"]}""", "concatenate dogs", "a Cat sat")]
    [InlineData("keywords:frequency", """{"keyword": "dog", "frequency": 2, "relation": "at least"}""", "dog Dog", "dog")]
    [InlineData("keywords:frequency", """{"keyword": "dog", "frequency": 2, "relation": "less than"}""", "dog", "dog dog")]
    [InlineData("keywords:letter_frequency", """{"letter": "z", "let_frequency": 3, "let_relation": "at least"}""", "Zzz", "zz")]
    [InlineData("detectable_format:number_bullet_lists", """{"num_bullets": 2}""", "* one\n- two", "* one\n* two\n* three")]
    [InlineData("detectable_format:constrained_response", "{}", "Sure. My answer is yes.", "My answer is perhaps.")]
    [InlineData("detectable_format:number_highlighted_sections", """{"num_highlights": 2}""", "*one* and **two**", "*one* and ** **")]
    [InlineData("detectable_format:multiple_sections", """{"section_spliter": "Section", "num_sections": 2}""", "Section 1\na\nSection 2\nb", "Section 1\na")]
    [InlineData("detectable_format:json_format", "{}", "```json\n{\"a\": [1, 2]}\n```", "{a: 1}")]
    [InlineData("detectable_format:title", "{}", "<<My Title>>\ntext", "<< >>\ntext")]
    [InlineData("detectable_content:number_placeholders", """{"num_placeholders": 2}""", "[name] at [address]", "[name] only")]
    [InlineData("detectable_content:postscript", """{"postscript_marker": "P.S."}""", "Body.\nP.S. see you", "Body. PS see you")]
    [InlineData("detectable_content:postscript", """{"postscript_marker": "P.P.S"}""", "Body.\np.p.s. more", "Body.\nP.S. more")]
    [InlineData("punctuation:no_comma", "{}", "no commas here", "a, b")]
    [InlineData("startend:end_checker", """{"end_phrase": "Any other questions?"}""", "Done. any other questions?\"", "Any other questions? Bye.")]
    [InlineData("startend:quotation", "{}", "  \"quoted\" ", "\"half")]
    [InlineData("combination:two_responses", "{}", "first\n******\nsecond", "same\n******\nsame")]
    [InlineData("combination:repeat_prompt", """{"prompt_to_repeat": "Write a poem."}""", "write a poem. Roses are red.", "Here: Write a poem.")]
    [InlineData("change_case:capital_word_frequency", """{"capital_frequency": 2, "capital_relation": "at least"}""", "THE BIG dog", "The BIG dog")]
    [InlineData("change_case:english_capital", "{}", "THIS IS THE ANSWER AND IT IS IN ENGLISH.", "THIS is lower")]
    [InlineData("change_case:english_lowercase", "{}", "this is the answer and it is in english.", "This is the answer.")]
    [InlineData("language:response_language", """{"language": "de"}""", "Das ist nicht die Antwort, und sie ist auf Deutsch.", "This is the answer and it is in English.")]
    public void IsFollowed_PassingAndFailingResponses_Decided(string id, string kwargs, string passing, string failing)
    {
        Assert.True(Strict(id, kwargs, passing), $"{id} should pass: {passing}");
        Assert.False(Strict(id, kwargs, failing), $"{id} should fail: {failing}");
    }

    [Fact]
    public void Loose_MarkdownAndPreamble_ForgivenWhereStrictFails()
    {
        var quotation = InstructionConstraints.Create("startend:quotation", null);
        var response = "Sure, here it is:\n\"All quoted.\"";
        Assert.False(quotation.IsFollowed(response, ConstraintMode.Strict));
        Assert.True(quotation.IsFollowed(response, ConstraintMode.Loose));

        var end = InstructionConstraints.Create("startend:end_checker", JsonNode.Parse("""{"end_phrase": "Is there anything else I can help with?"}""")!.AsObject());
        var markdown = "Answer.\n**Is there anything else I can help with?**";
        Assert.False(end.IsFollowed(markdown, ConstraintMode.Strict));
        Assert.True(end.IsFollowed(markdown, ConstraintMode.Loose));
    }

    [Fact]
    public void Strict_EmptyResponse_NeverFollows()
    {
        Assert.False(InstructionConstraints.Create("punctuation:no_comma", null).IsFollowed("   ", ConstraintMode.Strict));
    }

    [Fact]
    public void Create_UnknownId_ThrowsNamingIt()
    {
        var ex = Assert.Throws<NotSupportedException>(() => InstructionConstraints.Create("detectable_format:nope", null));
        Assert.Contains("detectable_format:nope", ex.Message);
    }

    [Fact]
    public void Create_MissingArgument_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => InstructionConstraints.Create("length_constraints:number_words", JsonNode.Parse("""{"relation": "at least"}""")!.AsObject()));
        Assert.Contains("num_words", ex.Message);
        var bad = Assert.Throws<ArgumentException>(() => InstructionConstraints.Create("length_constraints:number_words", JsonNode.Parse("""{"num_words": 3, "relation": "more than"}""")!.AsObject()));
        Assert.Contains("relation", bad.Message);
    }

    [Fact]
    public void Verify_SeveralInstructions_ReportsEach()
    {
        var result = InstructionFollowingVerifier.Verify(
            "no commas but only four words",
            ["punctuation:no_comma", "length_constraints:number_words"],
            [null, JsonNode.Parse("""{"num_words": 10, "relation": "at least"}""")!.AsObject()],
            ConstraintMode.Strict);
        Assert.Equal([true, false], result.Followed);
        Assert.False(result.AllFollowed);
    }
}

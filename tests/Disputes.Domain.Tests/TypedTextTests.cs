namespace Disputes.Domain.Tests;

public sealed class TypedTextTests
{
    [Theory]
    [InlineData("欠薪职工 12 人")]
    [InlineData("第一行\r\n第二行\t缩进")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("工资\u202e反转")]
    [InlineData("")]
    public void What_a_person_types_or_pastes_as_text_is_clean(string text) => Assert.True(TypedText.IsClean(text));

    [Theory]
    [InlineData("欠\0薪")]
    [InlineData("欠薪\u0007")]
    [InlineData("\u001b[31m欠薪")]
    [InlineData("欠\u007f薪")]
    [InlineData("欠\u0085薪")]
    [InlineData("欠薪\uffff")]
    public void Control_characters_lone_surrogates_and_noncharacters_are_not(string text)
    {
        Assert.False(TypedText.IsClean(text));
        Assert.Equal(TypedText.CharactersError, Assert.Throws<DomainException>(() => TypedText.Demand("正常", text)).Code);
    }

    /// <summary>Built here rather than given as theory data: xUnit's case serialisation would turn a lone surrogate into U+FFFD.</summary>
    [Fact]
    public void A_surrogate_pair_is_clean_and_half_of_one_is_not()
    {
        Assert.True(TypedText.IsClean("表情 " + char.ConvertFromUtf32(0x1F600) + " 成对"));
        Assert.False(TypedText.IsClean("欠薪" + (char)0xD800));
        Assert.False(TypedText.IsClean((char)0xDC00 + "欠薪"));
        Assert.False(TypedText.IsClean("欠" + (char)0xDE00 + (char)0xD83D + "薪"));
    }
}

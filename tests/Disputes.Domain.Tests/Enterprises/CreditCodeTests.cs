using Disputes.Domain.Enterprises;

namespace Disputes.Domain.Tests.Enterprises;

public sealed class CreditCodeTests
{
    // Codes as published on business licences (GB 32100-2015), each with a valid check character.
    [Theory]
    [InlineData("91110108551385082Q")]
    [InlineData("9144030071526726XG")]
    [InlineData("914403001922038216")]
    [InlineData("91330100799655058B")]
    [InlineData("91350100M000100Y43")]
    public void Published_codes_are_accepted(string text)
    {
        Assert.True(CreditCode.TryParse(text, out var code, out var error), error);
        Assert.Equal(text, code.Value);
    }

    [Fact]
    public void What_a_person_types_is_tidied_before_checking()
    {
        var code = CreditCode.Parse("  91350100m000100y43 ");

        Assert.Equal("91350100M000100Y43", code.Value);
    }

    [Theory]
    [InlineData("91110108551385082R")] // check character one past the right one
    [InlineData("91110108551385082P")] // one before
    [InlineData("9144030071526726XH")]
    [InlineData("914403001922038217")]
    public void A_wrong_check_character_is_refused(string text)
    {
        Assert.False(CreditCode.TryParse(text, out _, out var error));
        Assert.Equal("credit-code.check", error);
    }

    [Fact]
    public void A_mistyped_organisation_code_digit_is_caught_by_its_own_check()
    {
        // 55138508-2 → 55138509: the organisation code's GB 11714 check no longer holds.
        Assert.False(CreditCode.TryParse("91110108551385092Q", out _, out var error));
        Assert.Equal("credit-code.organisation-check", error);
    }

    [Theory]
    [InlineData("", "credit-code.required")]
    [InlineData("   ", "credit-code.required")]
    [InlineData(null, "credit-code.required")]
    [InlineData("91110108551385082", "credit-code.length")]
    [InlineData("91110108551385082QQ", "credit-code.length")]
    [InlineData("9111010855138508IQ", "credit-code.character")] // I is not in the alphabet
    [InlineData("91110108551385O82Q", "credit-code.character")] // letter O for zero
    [InlineData("<script>alert(1)<", "credit-code.length")]
    [InlineData("91A10108551385082Q", "credit-code.division")]
    public void Malformed_input_says_what_is_wrong(string? text, string expected)
    {
        Assert.False(CreditCode.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Parse_throws_a_domain_error_with_the_reason()
    {
        var error = Assert.Throws<DomainException>(() => CreditCode.Parse("91110108551385082R"));

        Assert.Equal("credit-code.check", error.Code);
    }

    [Fact]
    public void The_check_character_completes_seventeen_characters()
    {
        Assert.Equal('Q', CreditCode.CheckCharacter("91110108551385082"));
        Assert.Equal('2', CreditCode.OrganisationCheckCharacter("55138508"));
    }
}

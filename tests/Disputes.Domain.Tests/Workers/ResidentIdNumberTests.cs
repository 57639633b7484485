using Disputes.Domain.Workers;

namespace Disputes.Domain.Tests.Workers;

public sealed class ResidentIdNumberTests
{
    // Real-shaped numbers (division, birth date, sequence) with check characters computed by GB 11643-1999.
    [Theory]
    [InlineData("11010519491231002X")] // the standard's own example
    [InlineData("32058319880312105X")] // Kunshan, ending in X
    [InlineData("320583199001011232")]
    [InlineData("320583198512304016")]
    [InlineData("320583200002295674")] // born on a leap day
    [InlineData("510102199608150031")]
    [InlineData("440305200307043213")]
    public void Valid_numbers_are_accepted(string text)
    {
        Assert.True(ResidentIdNumber.TryParse(text, out var id, out var error), error);
        Assert.Equal(text, id.Value);
    }

    [Fact]
    public void What_a_person_types_is_tidied_before_checking()
    {
        var id = ResidentIdNumber.Parse("  32058319880312105x ");

        Assert.Equal("32058319880312105X", id.Value);
    }

    [Theory]
    [InlineData("110105194912310020")] // X → 0
    [InlineData("110105194912310029")] // X → 9
    [InlineData("320583198803121051")] // X → 1
    [InlineData("320583199001011233")] // 2 → 3
    [InlineData("320583199001011231")] // 2 → 1
    [InlineData("320583198512304017")] // 6 → 7
    [InlineData("320583198512304015")]
    [InlineData("320583200002295675")]
    [InlineData("320583200002295673")]
    [InlineData("510102199608150032")]
    [InlineData("510102199608150030")]
    [InlineData("440305200307043214")]
    [InlineData("440305200307043212")]
    public void A_check_character_off_by_one_is_refused(string text)
    {
        Assert.False(ResidentIdNumber.TryParse(text, out _, out var error));
        Assert.Equal("id-number.check", error);
    }

    [Fact]
    public void Two_swapped_digits_are_caught_by_the_check()
    {
        Assert.False(ResidentIdNumber.TryParse("320583199001011322", out _, out var error));
        Assert.Equal("id-number.check", error);
    }

    [Theory]
    [InlineData(null, "id-number.required")]
    [InlineData("", "id-number.required")]
    [InlineData("   ", "id-number.required")]
    [InlineData("32058319900101123", "id-number.length")]
    [InlineData("3205831990010112322", "id-number.length")]
    [InlineData("320583900101123", "id-number.length")] // a first-generation 15-digit card
    [InlineData("3.20583199001011E+17", "id-number.length")] // what Excel makes of it as a number
    [InlineData("320583 19900101123", "id-number.character")]
    [InlineData("32058319900101123A", "id-number.character")]
    [InlineData("X20583199001011232", "id-number.character")]
    [InlineData("３２０５８３１９９００１０１１２３２", "id-number.character")] // full-width digits
    [InlineData("<script>alert(1)</s", "id-number.length")]
    [InlineData("<script>alert(1)<>", "id-number.character")]
    [InlineData("320506197802290014", "id-number.birth-date")] // 1978 had no 29 February
    [InlineData("320583199013011238", "id-number.birth-date")] // month 13
    [InlineData("320583189912311234", "id-number.birth-date")] // before 1900
    [InlineData("320583210101011234", "id-number.birth-date")] // after 2100
    [InlineData("320583000000001234", "id-number.birth-date")]
    public void Malformed_input_says_what_is_wrong(string? text, string expected)
    {
        Assert.False(ResidentIdNumber.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Parse_throws_a_domain_error_with_the_reason()
    {
        var error = Assert.Throws<DomainException>(() => ResidentIdNumber.Parse("320583199001011233"));

        Assert.Equal("id-number.check", error.Code);
        Assert.DoesNotContain("320583199001011233", error.Message);
    }

    [Fact]
    public void Masked_shows_the_division_and_the_last_four_only()
    {
        Assert.Equal("320583********105X", ResidentIdNumber.Parse("32058319880312105X").Masked);
        Assert.Equal("320583********1232", ResidentIdNumber.Parse("320583199001011232").ToString());
    }

    [Fact]
    public void The_check_character_completes_seventeen_digits()
    {
        Assert.Equal('X', ResidentIdNumber.CheckCharacter("11010519491231002"));
        Assert.Equal('2', ResidentIdNumber.CheckCharacter("32058319900101123"));
    }
}

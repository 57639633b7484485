namespace Disputes.Domain.Tests;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("12345", 1_234_500)]
    [InlineData("12,345.67", 1_234_567)]
    [InlineData("12，345", 1_234_500)] // full-width comma from a Chinese input method
    [InlineData("￥12345", 1_234_500)] // full-width yuan sign
    [InlineData("¥12,345", 1_234_500)]
    [InlineData("¥ 12,345.6", 1_234_560)]
    [InlineData("1.5万", 1_500_000)]
    [InlineData("150万元", 150_000_000)]
    [InlineData("1.234567万", 1_234_567)]
    [InlineData("3000元", 3000_00)]
    [InlineData("3000 元", 3000_00)]
    [InlineData("  4,800.00  ", 4800_00)]
    [InlineData("\u30005000\u3000", 5000_00)] // ideographic spaces around it
    [InlineData("１２３４５", 1_234_500)] // full-width digits
    [InlineData("１２，３４５．６７元", 1_234_567)]
    [InlineData("0", 0)]
    [InlineData("0.01", 1)]
    [InlineData("007", 700)]
    [InlineData("1.500", 150)] // trailing zeros are not extra precision
    [InlineData("10000000000", 1_000_000_000_000)] // exactly the limit
    [InlineData("1000000万", 1_000_000_000_000)]
    public void What_an_officer_types_is_read_as_an_amount(string text, long fen)
    {
        Assert.True(Money.TryParse(text, out var money, out var error), error);
        Assert.Equal(new Money(fen), money);
    }

    [Theory]
    [InlineData(null, "money.required")]
    [InlineData("", "money.required")]
    [InlineData("   ", "money.required")]
    [InlineData("abc", "money.format")]
    [InlineData("12a45", "money.format")]
    [InlineData("五千", "money.format")]
    [InlineData("1.2.3", "money.format")]
    [InlineData("12..5", "money.format")]
    [InlineData("1e5", "money.format")]
    [InlineData("1E+5", "money.format")]
    [InlineData("--5", "money.format")]
    [InlineData("+5", "money.format")]
    [InlineData("-", "money.format")]
    [InlineData("¥", "money.format")]
    [InlineData("万元", "money.format")]
    [InlineData("12.", "money.format")]
    [InlineData(".5", "money.format")]
    [InlineData("1,2345", "money.format")] // commas group thousands or they are a mistake
    [InlineData("12,34", "money.format")]
    [InlineData(",123", "money.format")]
    [InlineData("1,,234", "money.format")]
    [InlineData("1,234,", "money.format")]
    [InlineData("12 345", "money.format")]
    [InlineData("12万万", "money.format")]
    [InlineData("元12", "money.format")]
    [InlineData("12$", "money.format")]
    [InlineData("0x1F", "money.format")]
    [InlineData("NaN", "money.format")]
    [InlineData("Infinity", "money.format")]
    [InlineData("١٢٣", "money.format")] // Arabic-Indic digits are digits to .NET, not to an officer
    [InlineData("<script>alert(1)</script>", "money.format")]
    [InlineData("1000; DROP TABLE Workers", "money.format")]
    [InlineData("-5", "money.negative")]
    [InlineData("-¥5", "money.negative")]
    [InlineData("¥-5", "money.negative")]
    [InlineData("－３０００元", "money.negative")]
    [InlineData("-1.234", "money.negative")]
    [InlineData("0.001", "money.precision")]
    [InlineData("12345.678", "money.precision")]
    [InlineData("1.2345678万", "money.precision")]
    [InlineData("0.0000000000001", "money.precision")]
    [InlineData("10000000000.01", "money.too-large")]
    [InlineData("1000001万", "money.too-large")]
    [InlineData("99999999999999999999", "money.too-large")]
    public void Malformed_input_says_what_is_wrong(string? text, string expected)
    {
        Assert.False(Money.TryParse(text, out var money, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(Money.Zero, money);
    }

    [Fact]
    public void Very_long_text_is_refused_without_being_read()
    {
        Assert.False(Money.TryParse(new string('9', 100_000), out _, out var digits));
        Assert.False(Money.TryParse(string.Concat(Enumerable.Repeat("1,000", 10_000)), out _, out var groups));

        Assert.Equal("money.format", digits);
        Assert.Equal("money.format", groups);
    }

    [Theory]
    [InlineData(1_234_567, "¥12,345.67")]
    [InlineData(0, "¥0.00")]
    [InlineData(5, "¥0.05")]
    [InlineData(300_000, "¥3,000.00")]
    [InlineData(1_000_000_000_000, "¥10,000,000,000.00")]
    [InlineData(-1_234_500, "-¥12,345.00")]
    public void Shows_yuan_with_grouping_and_two_decimals(long fen, string expected)
    {
        Assert.Equal(expected, new Money(fen).ToString());
    }

    [Fact]
    public void Shows_the_same_figure_whatever_the_culture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");

            Assert.Equal("¥12,345.67", new Money(1_234_567).ToString());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Converts_between_yuan_and_fen()
    {
        Assert.Equal(new Money(1_234_567), Money.FromYuan(12_345.67m));
        Assert.Equal(12_345.67m, new Money(1_234_567).Yuan);
        Assert.Equal(Money.Zero, Money.FromYuan(0m));
    }

    [Fact]
    public void A_fraction_of_a_fen_is_not_money()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromYuan(0.005m));
    }

    [Fact]
    public void Adds_subtracts_and_compares()
    {
        var owed = Money.FromYuan(5_000m);
        var paid = Money.FromYuan(1_200.50m);

        Assert.Equal(Money.FromYuan(3_799.50m), owed - paid);
        Assert.Equal(Money.FromYuan(6_200.50m), owed + paid);
        Assert.True(paid < owed);
        Assert.True(owed > paid);
        Assert.True(owed >= Money.FromYuan(5_000m));
        Assert.True(paid <= owed);
        Assert.Equal([paid, owed], new[] { owed, paid }.Order());
    }
}

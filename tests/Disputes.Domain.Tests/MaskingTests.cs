namespace Disputes.Domain.Tests;

public sealed class MaskingTests
{
    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData(" 138 1234 5678 ", "138****5678")]
    [InlineData("138-1234-5678", "138****5678")]
    [InlineData("+86 13812345678", "138****5678")]
    [InlineData("008613812345678", "138****5678")]
    [InlineData("0512-57701234", "051*****1234")] // a Kunshan landline
    [InlineData("(0512)57701234", "051*****1234")]
    [InlineData("4008123123", "**********")] // showing 7 of 10 digits would show the number
    [InlineData("57701234", "********")] // too short to show 7 of 8 digits
    [InlineData("12345", "*****")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData(null, "")]
    public void Phone_numbers_show_only_their_ends(string? phone, string expected)
    {
        Assert.Equal(expected, Masking.Phone(phone));
    }

    [Theory]
    [InlineData("320583199001011232", "320583********1232")]
    [InlineData("32058319900101123", "320583*******1123")] // mistyped, but still somebody's number
    [InlineData("3.20583199001011E+17", "3.2058**********E+17")]
    [InlineData("1234567890", "**********")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Id_numbers_never_show_the_birth_date(string? idNumber, string expected)
    {
        Assert.Equal(expected, Masking.IdNumber(idNumber));
    }
}

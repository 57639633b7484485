namespace Disputes.Domain;

/// <summary>
/// How personal numbers appear on screen: enough to tell two workers apart and to check against a card,
/// never enough to use. Every mask hides at least four characters.
/// </summary>
public static class Masking
{
    private const int MinimumHidden = 4;

    /// <summary>"13812345678" → "138****5678"; other numbers keep their first 3 and last 4 digits.</summary>
    public static string Phone(string? phone)
    {
        var digits = string.Concat((phone ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '(' or ')')));
        if (digits.StartsWith("+86", StringComparison.Ordinal))
        {
            digits = digits[3..];
        }
        else if (digits.StartsWith("0086", StringComparison.Ordinal))
        {
            digits = digits[4..];
        }

        return Keep(digits, 3, 4);
    }

    /// <summary>
    /// "320583199001011234" → "320583********1234": the division and the last four, never the birth date.
    /// Also for text that is not a valid number (a mistyped one is still somebody's number).
    /// </summary>
    public static string IdNumber(string? idNumber) => Keep((idNumber ?? string.Empty).Trim(), 6, 4);

    private static string Keep(string text, int first, int last)
    {
        var hidden = text.Length - first - last;
        if (hidden < MinimumHidden)
        {
            return new string('*', text.Length);
        }

        return string.Concat(text.AsSpan(0, first), new string('*', hidden), text.AsSpan(text.Length - last));
    }
}

using System.Globalization;

namespace Disputes.Domain.Workers;

/// <summary>
/// 公民身份号码 (resident identity card number), GB 11643-1999: 6 digits of administrative division,
/// 8 of birth date (yyyyMMdd), 3 of sequence and a check character (0–9 or X) computed over the first 17.
/// </summary>
public readonly record struct ResidentIdNumber
{
    public const int Length = 18;

    private const string CheckCharacters = "10X98765432";
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    // A fixed window rather than "not after today": validation must not depend on the clock it runs under.
    private static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);
    private static readonly DateOnly LatestBirthDate = new(2100, 12, 31);

    private ResidentIdNumber(string value) => Value = value;

    public string Value { get; }

    /// <summary>The birth date the number carries (characters 7 to 14).</summary>
    public DateOnly BirthDate => DateOnly.ParseExact(Value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>What may be shown on screen: the division and the last four, never the birth date.</summary>
    public string Masked => Masking.IdNumber(Value);

    /// <summary>The masked form: a full ID number must not end up in a log or on a screen by accident.</summary>
    public override string ToString() => Masked;

    /// <summary>Accepts what a person types: surrounding spaces and a lower-case x are forgiven.</summary>
    public static ResidentIdNumber Parse(string? text) =>
        TryParse(text, out var id, out var error)
            ? id
            : throw new DomainException(error!, $"Not a valid resident ID number ({error}).");

    /// <param name="error">
    /// Why the text was refused, one of <c>id-number.required</c>, <c>id-number.length</c>,
    /// <c>id-number.character</c>, <c>id-number.birth-date</c>, <c>id-number.check</c>.
    /// </param>
    public static bool TryParse(string? text, out ResidentIdNumber id, out string? error)
    {
        id = default;
        var value = (text ?? string.Empty).Trim().ToUpperInvariant();
        error = Validate(value);
        if (error is not null)
        {
            return false;
        }

        id = new ResidentIdNumber(value);
        return true;
    }

    /// <summary>The check character that completes the first 17 digits.</summary>
    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    private static string? Validate(string value)
    {
        if (value.Length == 0)
        {
            return "id-number.required";
        }

        if (value.Length != Length)
        {
            return "id-number.length";
        }

        if (value.AsSpan(0, 17).ContainsAnyExceptInRange('0', '9') || !(char.IsAsciiDigit(value[17]) || value[17] == 'X'))
        {
            return "id-number.character";
        }

        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born)
            || born < EarliestBirthDate || born > LatestBirthDate)
        {
            return "id-number.birth-date";
        }

        return CheckCharacter(value) != value[17] ? "id-number.check" : null;
    }
}

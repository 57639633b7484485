namespace Disputes.Domain.Enterprises;

/// <summary>
/// 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-character
/// alphabet (no I, O, S, V, Z). Characters 3–8 are the administrative division, 9–17 the organisation
/// code with its own GB 11714 check character, and the 18th is the check character of the whole.
/// </summary>
public readonly record struct CreditCode
{
    public const int Length = 18;

    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] OrganisationCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    private CreditCode(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    /// <summary>Accepts what a person types: surrounding spaces and lower-case letters are forgiven.</summary>
    public static CreditCode Parse(string? text) =>
        TryParse(text, out var code, out var error)
            ? code
            : throw new DomainException(error!, $"'{text}' is not a valid unified social credit code ({error}).");

    /// <param name="error">
    /// Why the text was refused, one of <c>credit-code.required</c>, <c>credit-code.length</c>,
    /// <c>credit-code.character</c>, <c>credit-code.division</c>, <c>credit-code.organisation-check</c>,
    /// <c>credit-code.check</c>.
    /// </param>
    public static bool TryParse(string? text, out CreditCode code, out string? error)
    {
        code = default;
        var value = (text ?? string.Empty).Trim().ToUpperInvariant();
        error = Validate(value);
        if (error is not null)
        {
            return false;
        }

        code = new CreditCode(value);
        return true;
    }

    /// <summary>The check character that completes the first 17 characters.</summary>
    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>GB 11714's check character for an 8-character organisation code body.</summary>
    public static char OrganisationCheckCharacter(string body8)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = body8[i];
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * OrganisationCodeWeights[i];
        }

        return ((11 - (sum % 11)) % 11) switch
        {
            10 => 'X',
            var n => (char)('0' + n),
        };
    }

    private static string? Validate(string value)
    {
        if (value.Length == 0)
        {
            return "credit-code.required";
        }

        if (value.Length != Length)
        {
            return "credit-code.length";
        }

        if (value.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return "credit-code.character";
        }

        if (value.AsSpan(2, 6).ContainsAnyExcept("0123456789"))
        {
            return "credit-code.division";
        }

        if (OrganisationCheckCharacter(value.Substring(8, 8)) != value[16])
        {
            return "credit-code.organisation-check";
        }

        return CheckCharacter(value) != value[17] ? "credit-code.check" : null;
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Disputes.Domain;

/// <summary>
/// An amount in CNY, kept in whole fen (1 yuan = 100 fen) so that sums and comparisons run exactly,
/// in SQL on SQLite as well as SQL Server.
/// </summary>
public readonly partial record struct Money(long Fen) : IComparable<Money>
{
    public const int FenPerYuan = 100;

    /// <summary>¥10,000,000,000 — more than any wage dispute; a larger figure is a typing mistake.</summary>
    public static readonly Money Max = new(10_000_000_000L * FenPerYuan);

    public static readonly Money Zero = new(0);

    private const decimal YuanPerWan = 10_000m;

    // Longer text is not an amount anyone typed; refusing it early bounds the work done on it.
    private const int MaxTextLength = 64;

    public decimal Yuan => (decimal)Fen / FenPerYuan;

    /// <exception cref="ArgumentOutOfRangeException">The amount has a fraction of a fen.</exception>
    public static Money FromYuan(decimal yuan)
    {
        var fen = yuan * FenPerYuan;
        return fen == decimal.Truncate(fen)
            ? new Money(decimal.ToInt64(fen))
            : throw new ArgumentOutOfRangeException(nameof(yuan), yuan, "An amount of money cannot have a fraction of a fen.");
    }

    public static Money operator +(Money left, Money right) => new(checked(left.Fen + right.Fen));

    public static Money operator -(Money left, Money right) => new(checked(left.Fen - right.Fen));

    public static bool operator <(Money left, Money right) => left.Fen < right.Fen;

    public static bool operator >(Money left, Money right) => left.Fen > right.Fen;

    public static bool operator <=(Money left, Money right) => left.Fen <= right.Fen;

    public static bool operator >=(Money left, Money right) => left.Fen >= right.Fen;

    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    /// <summary>"¥12,345.67": the same in every culture, so a figure reads the same on every screen and in every export.</summary>
    public override string ToString()
    {
        var text = "¥" + Math.Abs(Yuan).ToString("#,##0.00", CultureInfo.InvariantCulture);
        return Fen < 0 ? "-" + text : text;
    }

    /// <summary>
    /// Reads an amount as an officer types it on a phone: "12,345.67", "12，345", "￥12345", "3000元",
    /// "1.5万", "150万元", full-width digits, surrounding spaces.
    /// </summary>
    /// <param name="error">
    /// Why the text was refused, one of <c>money.required</c>, <c>money.format</c>, <c>money.negative</c>,
    /// <c>money.precision</c> (finer than a fen), <c>money.too-large</c> (over <see cref="Max"/>).
    /// </param>
    public static bool TryParse(string? text, out Money money, out string? error)
    {
        money = default;
        error = Read(text, out var yuan);
        if (error is not null)
        {
            return false;
        }

        money = FromYuan(yuan);
        return true;
    }

    private static string? Read(string? text, out decimal yuan)
    {
        yuan = 0;
        var value = (text ?? string.Empty).Trim();
        if (value.Length == 0)
        {
            return "money.required";
        }

        if (value.Length > MaxTextLength)
        {
            return "money.format";
        }

        value = Normalise(value);

        var negative = false;
        if (value[0] == '-')
        {
            negative = true;
            value = value[1..].TrimStart();
        }

        if (value.Length > 0 && value[0] is '¥' or '￥')
        {
            value = value[1..].TrimStart();
        }

        // "¥-5" is as negative as "-¥5".
        if (!negative && value.Length > 0 && value[0] == '-')
        {
            negative = true;
            value = value[1..].TrimStart();
        }

        var multiplier = 1m;
        if (value.EndsWith('元'))
        {
            value = value[..^1].TrimEnd();
        }

        if (value.EndsWith('万'))
        {
            multiplier = YuanPerWan;
            value = value[..^1].TrimEnd();
        }

        var match = Number().Match(value);
        if (!match.Success)
        {
            return "money.format";
        }

        if (negative)
        {
            return "money.negative";
        }

        var whole = match.Groups["whole"].Value.Replace(",", string.Empty, StringComparison.Ordinal).TrimStart('0');
        var fraction = match.Groups["fraction"].Value.TrimEnd('0');

        // Beyond these lengths a decimal cannot hold the figure exactly, and no valid amount needs them.
        if (whole.Length > 16)
        {
            return "money.too-large";
        }

        if (fraction.Length > 12)
        {
            return "money.precision";
        }

        yuan = decimal.Parse($"{(whole.Length == 0 ? "0" : whole)}.{(fraction.Length == 0 ? "0" : fraction)}", CultureInfo.InvariantCulture) * multiplier;
        if (yuan * FenPerYuan != decimal.Truncate(yuan * FenPerYuan))
        {
            return "money.precision";
        }

        return yuan > Max.Yuan ? "money.too-large" : null;
    }

    /// <summary>Full-width digits and punctuation, as Chinese input methods produce them, become their ASCII forms.</summary>
    private static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                >= '０' and <= '９' => (char)('0' + (c - '０')),
                '，' => ',',
                '．' or '。' => '.',
                '－' or '—' or '−' => '-',
                _ => c,
            });
        }

        return builder.ToString();
    }

    /// <summary>Digits, optionally grouped by commas in threes, and an optional fraction. Nothing else: no exponent, no second point.</summary>
    [GeneratedRegex(@"^(?<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?<fraction>[0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}

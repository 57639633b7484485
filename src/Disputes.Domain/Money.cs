using System.Globalization;

namespace Disputes.Domain;

/// <summary>Money in whole fen (1 yuan = 100 fen), so sums and comparisons run exactly, in the database too.</summary>
public readonly record struct Money(long Fen) : IComparable<Money>
{
    public static readonly Money Zero = new(0);

    public decimal Yuan => Fen / 100m;

    public static Money FromYuan(decimal yuan)
    {
        var fen = yuan * 100m;
        if (fen != decimal.Truncate(fen))
        {
            throw new ArgumentException($"{yuan} has fractions of a fen.", nameof(yuan));
        }

        return new Money((long)fen);
    }

    public static Money operator +(Money a, Money b) => new(a.Fen + b.Fen);

    public static Money operator -(Money a, Money b) => new(a.Fen - b.Fen);

    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;

    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;

    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;

    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    /// <summary>Reads what a person types: "12,345.67", "¥3000", "1.5万". Error codes: money.required, money.format, money.negative, money.precision, money.too-large.</summary>
    public static bool TryParse(string? text, out Money money, out string? error)
    {
        money = Zero;
        var t = (text ?? string.Empty).Trim().Replace(",", "").Replace("，", "").Replace("¥", "").Replace("￥", "").Replace("元", "");
        if (t.Length == 0)
        {
            error = "money.required";
            return false;
        }

        var factor = 1m;
        if (t.EndsWith('万'))
        {
            factor = 10_000m;
            t = t[..^1];
        }

        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var yuan))
        {
            error = "money.format";
            return false;
        }

        yuan *= factor;
        if (yuan < 0)
        {
            error = "money.negative";
            return false;
        }

        if (yuan > 10_000_000_000m)
        {
            error = "money.too-large";
            return false;
        }

        if (yuan * 100m != decimal.Truncate(yuan * 100m))
        {
            error = "money.precision";
            return false;
        }

        money = FromYuan(yuan);
        error = null;
        return true;
    }

    public override string ToString() => "¥" + Yuan.ToString("#,##0.00", CultureInfo.InvariantCulture);
}

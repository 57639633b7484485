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

    public override string ToString() => "¥" + Yuan.ToString("#,##0.00", CultureInfo.InvariantCulture);
}

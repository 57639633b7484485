namespace Disputes.Domain.Enterprises;

public enum Ownership
{
    /// <summary>内资</summary>
    Domestic,

    /// <summary>外商投资</summary>
    Foreign,

    /// <summary>港澳台投资</summary>
    HongKongMacaoTaiwan,
}

namespace Disputes.Domain.Organisations;

/// <summary>The departments the emergency plan engages (DESIGN.md, "Who uses it").</summary>
public enum DepartmentKind
{
    /// <summary>人社/劳动监察</summary>
    LaborInspection,

    /// <summary>信访</summary>
    Petition,

    /// <summary>安监/应急</summary>
    Safety,

    /// <summary>政法办</summary>
    PoliticalLegal,

    /// <summary>司法所/法律援助</summary>
    Justice,

    /// <summary>公安</summary>
    Police,
}

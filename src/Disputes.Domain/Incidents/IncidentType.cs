namespace Disputes.Domain.Incidents;

public enum IncidentType
{
    /// <summary>欠薪逃匿/老板逃逸</summary>
    AbscondingOwner,

    /// <summary>拖欠工资</summary>
    WageArrears,

    /// <summary>停产倒闭</summary>
    Closure,

    /// <summary>集体加薪争议</summary>
    CollectivePayDispute,

    /// <summary>停工</summary>
    WorkStoppage,

    /// <summary>裁员搬迁</summary>
    MassLayoff,

    /// <summary>社保争议</summary>
    SocialInsurance,

    Other,
}

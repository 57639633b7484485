namespace Disputes.Domain.Incidents;

public enum Stage
{
    /// <summary>已登记</summary>
    Reported,

    /// <summary>处置中</summary>
    Responding,

    /// <summary>化解中</summary>
    Resolving,

    /// <summary>已化解</summary>
    Resolved,

    /// <summary>已结案</summary>
    Closed,

    /// <summary>已撤销 (duplicate or false report)</summary>
    Cancelled,
}

public static class StageExtensions
{
    public static bool IsOpen(this Stage stage) => stage is not (Stage.Closed or Stage.Cancelled);
}

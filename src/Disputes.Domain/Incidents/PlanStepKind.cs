namespace Disputes.Domain.Incidents;

/// <summary>The emergency plan's timed obligations (DESIGN.md, "The emergency plan").</summary>
public enum PlanStepKind
{
    /// <summary>到场</summary>
    ArriveOnScene,

    /// <summary>初报 to the city federation</summary>
    InitialReport,

    /// <summary>书面报告</summary>
    WrittenReport,

    /// <summary>联动: draw a required department in</summary>
    EngageDepartment,

    /// <summary>签收: the department acknowledges</summary>
    DepartmentAcknowledges,

    /// <summary>进展续报, recurring while open</summary>
    ProgressUpdate,

    /// <summary>化解 target</summary>
    Resolve,

    /// <summary>回访 after closure</summary>
    FollowUpVisit,

    /// <summary>A department's task beyond the plan's defaults, given a due time when it was added.</summary>
    Task,
}

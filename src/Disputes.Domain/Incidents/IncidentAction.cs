namespace Disputes.Domain.Incidents;

/// <summary>Everything a user can do to an incident. <see cref="IncidentPermissions"/> says who may.</summary>
public enum IncidentAction
{
    ConfirmArrival,
    ReportUpward,
    SubmitWrittenReport,
    EngageDepartment,
    Acknowledge,
    CompleteTask,
    AddNote,
    PauseStep,
    ResumeStep,
    ChangeGrade,
    EditDetails,
    AddAttachment,
    ManageWorkers,
    Respond,
    BeginResolving,
    Resolve,
    Reopen,
    Close,
    Cancel,
    ReassignStep,
    AddTask,
    CorrectType,
    CompleteFollowUp,
}

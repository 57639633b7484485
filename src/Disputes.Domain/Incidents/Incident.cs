using Disputes.Domain.Organisations;
using Disputes.Domain.Playbooks;
using Disputes.Domain.Workers;

namespace Disputes.Domain.Incidents;

/// <summary>
/// 案件: the aggregate. Every change goes through a method that checks who may make it, writes the timeline
/// and renews the concurrency token; repeating a change that already happened is a no-op, so retries are safe.
/// </summary>
public sealed class Incident
{
    public const int NumberMaxLength = 20;
    public const int TextMaxLength = 4000;

    private Incident()
    {
    }

    public int Id { get; private set; }

    public string Number { get; private set; } = string.Empty;

    public int TownId { get; private set; }

    public int Year { get; private set; }

    public int Sequence { get; private set; }

    public IncidentType Type { get; private set; }

    public SeverityGrade Grade { get; private set; }

    public SeverityGrade SuggestedGrade { get; private set; }

    public int EnterpriseId { get; private set; }

    public string Location { get; private set; } = string.Empty;

    public int WorkersInvolved { get; private set; }

    public Money WagesOwed { get; private set; }

    public int MonthsInArrears { get; private set; }

    public AggravatingFacts Facts { get; private set; }

    public string Description { get; private set; } = string.Empty;

    public Stage Stage { get; private set; }

    public string? CancelReason { get; private set; }

    public DateTime ReportedAtUtc { get; private set; }

    /// <summary>The id the officer's browser gave the draft: a resubmitted draft finds this incident instead of logging a second.</summary>
    public Guid? SubmissionId { get; private set; }

    public string ReportedByUserId { get; private set; } = string.Empty;

    public DateTime? ArrivedOnSceneAtUtc { get; private set; }

    public Closure? Closure { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    /// <summary>Renewed on every change: the second of two concurrent saves fails instead of overwriting.</summary>
    public Guid ConcurrencyToken { get; private set; }

    public DateTime LastChangedAtUtc { get; private set; }

    public string LastChangedBy { get; private set; } = string.Empty;

    public List<PlanStep> Steps { get; private set; } = [];

    public List<Engagement> Engagements { get; private set; } = [];

    public List<TimelineEntry> Timeline { get; private set; } = [];

    public List<Attachment> Attachments { get; private set; } = [];

    public List<WorkerClaim> Workers { get; private set; } = [];

    public bool IsOpen => Stage.IsOpen();

    /// <summary>Logs a new incident and lays out its plan steps from the playbook.</summary>
    /// <param name="townUnionId">The town union that owns the response (the enterprise's town).</param>
    public static Incident Log(IncidentNumber number, int townUnionId, IncidentReport report, Actor actor, Playbook playbook, DateTime nowUtc, Guid? submissionId = null)
    {
        if (!(actor.IsOfTown(townUnionId) || actor.IsIn(Roles.FederationDutyOfficer)))
        {
            throw new DomainException("incident.not-allowed", $"{actor.Name} may not log incidents for town {townUnionId}.");
        }

        if (report.Problems() is { Count: > 0 } problems)
        {
            throw new DomainException(problems[0], $"The report is not sound: {string.Join(", ", problems)}.");
        }

        var suggested = playbook.Grading.Suggest(report.WorkersInvolved, report.WagesOwed, report.Facts, report.Type, report.EnterpriseOwnership);
        var incident = new Incident
        {
            Number = number.ToString(),
            TownId = townUnionId,
            Year = number.Year,
            Sequence = number.Sequence,
            Type = report.Type,
            SuggestedGrade = suggested,
            Grade = report.GradeOverride?.Grade ?? suggested,
            EnterpriseId = report.EnterpriseId,
            Location = (report.Location ?? string.Empty).Trim(),
            WorkersInvolved = report.WorkersInvolved,
            WagesOwed = report.WagesOwed,
            MonthsInArrears = report.MonthsInArrears,
            Facts = report.Facts,
            Description = (report.Description ?? string.Empty).Trim(),
            Stage = Stage.Reported,
            ReportedAtUtc = nowUtc,
            ReportedByUserId = actor.UserId,
            SubmissionId = submissionId,
        };

        incident.Record(TimelineKind.Logged, actor, nowUtc, incident.Number);
        incident.Record(TimelineKind.GradeSuggested, actor, nowUtc, suggested.ToString());
        if (report.GradeOverride is { } o && o.Grade != suggested)
        {
            incident.Record(TimelineKind.GradeChanged, actor, nowUtc, $"{suggested}→{o.Grade}: {o.Reason.Trim()}");
        }

        var band = incident.Grade.Band();
        void Plan(PlanStepKind kind, string role, DepartmentKind? department = null, int sequence = 1) =>
            incident.Steps.Add(new PlanStep(kind, department, sequence, townUnionId, role, nowUtc, playbook.DurationOf(kind, band)));

        Plan(PlanStepKind.ArriveOnScene, Roles.TownOfficer);
        Plan(PlanStepKind.InitialReport, Roles.TownOfficer);
        Plan(PlanStepKind.WrittenReport, Roles.TownOfficer);
        foreach (var department in playbook.RequiredFor(report.Type))
        {
            Plan(PlanStepKind.EngageDepartment, Roles.TownOfficer, department);
        }

        Plan(PlanStepKind.ProgressUpdate, Roles.TownOfficer);
        Plan(PlanStepKind.Resolve, Roles.TownChair);
        incident.Touch(actor, nowUtc);
        return incident;
    }

    public PlanStep? OpenStep(PlanStepKind kind, DepartmentKind? department = null) =>
        Steps.FirstOrDefault(s => s.IsOpen && s.Kind == kind && (department is null || s.Department == department));

    /// <summary>到场. Being on scene means the response has started.</summary>
    public void ConfirmArrival(Actor actor, DateTime arrivedAtUtc, DateTime nowUtc)
    {
        IncidentPermissions.Demand(actor, this, IncidentAction.ConfirmArrival);
        if (ArrivedOnSceneAtUtc is not null)
        {
            return;
        }

        if (arrivedAtUtc > nowUtc.AddMinutes(5) || arrivedAtUtc < ReportedAtUtc.AddDays(-2))
        {
            throw new DomainException("incident.arrival-time", "The arrival time must be around the report, and not in the future.");
        }

        ArrivedOnSceneAtUtc = arrivedAtUtc;
        OpenStep(PlanStepKind.ArriveOnScene)?.Complete(actor.Name, arrivedAtUtc);
        Record(TimelineKind.ArrivedOnScene, actor, nowUtc, arrivedAtUtc.ToString("O"));
        if (Stage == Stage.Reported)
        {
            MoveTo(Stage.Responding, actor, nowUtc);
        }

        Touch(actor, nowUtc);
    }

    /// <summary>初报: the town has told the city federation.</summary>
    public void ReportUpward(Actor actor, string text, DateTime nowUtc) =>
        CompleteWithText(actor, IncidentAction.ReportUpward, PlanStepKind.InitialReport, TimelineKind.ReportedUpward, text, nowUtc);

    /// <summary>书面报告.</summary>
    public void SubmitWrittenReport(Actor actor, string text, DateTime nowUtc)
    {
        RequireText(text, "incident.text-required");
        CompleteWithText(actor, IncidentAction.SubmitWrittenReport, PlanStepKind.WrittenReport, TimelineKind.WrittenReport, text, nowUtc);
    }

    /// <summary>联动: draws a department in (required by the plan or not) and starts its acknowledgement timer.</summary>
    /// <param name="office">The department's office that answers for this town.</param>
    public Engagement EngageDepartment(Actor actor, DepartmentKind department, int office, Playbook playbook, DateTime nowUtc)
    {
        IncidentPermissions.Demand(actor, this, IncidentAction.EngageDepartment);
        if (Engagements.FirstOrDefault(e => e.Department == department) is { } existing)
        {
            return existing;
        }

        var engagement = new Engagement(department, office, actor.Name, nowUtc);
        Engagements.Add(engagement);
        OpenStep(PlanStepKind.EngageDepartment, department)?.Complete(actor.Name, nowUtc);
        Steps.Add(new PlanStep(PlanStepKind.DepartmentAcknowledges, department, 1, office, Roles.DepartmentLiaison, nowUtc,
            playbook.DurationOf(PlanStepKind.DepartmentAcknowledges, Grade.Band())));
        Record(TimelineKind.DepartmentEngaged, actor, nowUtc, department.ToString());
        Touch(actor, nowUtc);
        return engagement;
    }

    /// <summary>签收.</summary>
    public void Acknowledge(Actor actor, Guid engagementId, DateTime nowUtc)
    {
        var engagement = Engagements.SingleOrDefault(e => e.Id == engagementId)
            ?? throw new DomainException("incident.engagement-missing", $"No engagement {engagementId}.");
        if (!actor.IsLiaisonFor(engagement) || !IsOpen)
        {
            throw new DomainException("incident.not-allowed", $"{actor.Name} may not acknowledge for {engagement.Department}.");
        }

        if (!engagement.Acknowledge(actor.Name, nowUtc))
        {
            return;
        }

        OpenStep(PlanStepKind.DepartmentAcknowledges, engagement.Department)?.Complete(actor.Name, nowUtc);
        Record(TimelineKind.EngagementAcknowledged, actor, nowUtc, engagement.Department.ToString());
        Touch(actor, nowUtc);
    }

    public void CompleteTask(Actor actor, Guid engagementId, Guid taskId, DateTime nowUtc)
    {
        var engagement = Engagements.SingleOrDefault(e => e.Id == engagementId)
            ?? throw new DomainException("incident.engagement-missing", $"No engagement {engagementId}.");
        if (!actor.IsLiaisonFor(engagement) || !IsOpen)
        {
            throw new DomainException("incident.not-allowed", $"{actor.Name} may not report for {engagement.Department}.");
        }

        var task = engagement.Tasks.SingleOrDefault(t => t.Id == taskId)
            ?? throw new DomainException("incident.task-missing", $"No task {taskId}.");
        if (task.DoneAtUtc is not null)
        {
            return;
        }

        task.DoneAtUtc = nowUtc;
        task.DoneBy = actor.Name;
        Record(TimelineKind.TaskDone, actor, nowUtc, task.Key ?? task.Text ?? string.Empty);
        Touch(actor, nowUtc);
    }

    /// <summary>
    /// 进展续报. From the town side it also completes the due progress update and starts the next one;
    /// a department's note is recorded only.
    /// </summary>
    public void AddProgressNote(Actor actor, string text, Playbook playbook, DateTime nowUtc)
    {
        IncidentPermissions.Demand(actor, this, IncidentAction.AddNote);
        RequireText(text, "incident.text-required");
        Record(TimelineKind.Note, actor, nowUtc, text.Trim());
        if (IsOpen && (actor.IsOfTown(TownId) || actor.IsIn(Roles.FederationDutyOfficer))
            && OpenStep(PlanStepKind.ProgressUpdate) is { } due && due.Complete(actor.Name, nowUtc))
        {
            Steps.Add(new PlanStep(PlanStepKind.ProgressUpdate, null, due.Sequence + 1, TownId, Roles.TownOfficer, nowUtc,
                playbook.DurationOf(PlanStepKind.ProgressUpdate, Grade.Band())));
        }

        Touch(actor, nowUtc);
    }

    public void PauseStep(Actor actor, Guid stepId, string reason, DateTime nowUtc)
    {
        IncidentPermissions.Demand(actor, this, IncidentAction.PauseStep);
        RequireText(reason, "incident.reason-required");
        var step = Step(stepId);
        if (step.IsPaused)
        {
            return;
        }

        step.Pause(reason.Trim(), actor.Name, nowUtc);
        Record(TimelineKind.StepPaused, actor, nowUtc, $"{step.Label}: {reason.Trim()}");
        Touch(actor, nowUtc);
    }

    public void ResumeStep(Actor actor, Guid stepId, DateTime nowUtc)
    {
        IncidentPermissions.Demand(actor, this, IncidentAction.ResumeStep);
        var step = Step(stepId);
        if (!step.Resume(nowUtc))
        {
            return;
        }

        Record(TimelineKind.StepResumed, actor, nowUtc, step.Label);
        Touch(actor, nowUtc);
    }

    /// <summary>Sets the grade with a recorded reason, and re-plans the open steps on the new band's timers.</summary>
    public void ChangeGrade(Actor actor, SeverityGrade grade, string reason, Playbook playbook, DateTime nowUtc)
    {
        IncidentPermissions.Demand(actor, this, IncidentAction.ChangeGrade);
        if (!Enum.IsDefined(grade))
        {
            throw new DomainException("incident.grade-invalid", $"{(int)grade} is not a grade.");
        }

        if (grade == Grade)
        {
            return;
        }

        RequireText(reason, "incident.grade-reason-required");
        if (reason.Length > IncidentReport.ReasonMaxLength)
        {
            throw new DomainException("incident.grade-reason-required", "The reason is too long.");
        }

        var previous = Grade;
        Grade = grade;

        // Timers are set per band; within the band the steps keep the due times they were created with,
        // as the playbook promises for steps that exist when it changes.
        if (grade.Band() != previous.Band())
        {
            foreach (var step in Steps.Where(s => s.IsOpen))
            {
                step.Replan(playbook.DurationOf(step.Kind, grade.Band()));
            }
        }

        Record(TimelineKind.GradeChanged, actor, nowUtc, $"{previous}→{grade}: {reason.Trim()}");
        Touch(actor, nowUtc);
    }

    /// <summary>Corrects the facts; the suggestion follows them, the grade itself changes only through <see cref="ChangeGrade"/>.</summary>
    public void UpdateDetails(Actor actor, int workersInvolved, Money wagesOwed, int monthsInArrears, string location,
        AggravatingFacts facts, string description, Playbook playbook, Enterprises.Ownership ownership, DateTime nowUtc)
    {
        IncidentPermissions.Demand(actor, this, IncidentAction.EditDetails);
        var check = new IncidentReport(EnterpriseId, ownership, Type, workersInvolved, wagesOwed, monthsInArrears, location, facts, description);
        if (check.Problems() is { Count: > 0 } problems)
        {
            throw new DomainException(problems[0], $"The details are not sound: {string.Join(", ", problems)}.");
        }

        var changes = new List<string>();
        void Compare<T>(string name, T before, T after)
        {
            if (!EqualityComparer<T>.Default.Equals(before, after))
            {
                changes.Add($"{name}: {before} → {after}");
            }
        }

        Compare("workers", WorkersInvolved, workersInvolved);
        Compare("wages", WagesOwed, wagesOwed);
        Compare("months", MonthsInArrears, monthsInArrears);
        Compare("location", Location, location.Trim());
        Compare("facts", Facts, facts);
        Compare("description", Description, description.Trim());
        if (changes.Count == 0)
        {
            return;
        }

        WorkersInvolved = workersInvolved;
        WagesOwed = wagesOwed;
        MonthsInArrears = monthsInArrears;
        Location = location.Trim();
        Facts = facts;
        Description = description.Trim();
        SuggestedGrade = playbook.Grading.Suggest(workersInvolved, wagesOwed, facts, Type, ownership);
        Record(TimelineKind.DetailsChanged, actor, nowUtc, string.Join("; ", changes));
        Touch(actor, nowUtc);
    }

    /// <summary>A guarded stage move (see <see cref="StageTransitions"/>). Close and Cancel have their own methods.</summary>
    public void Move(Actor actor, IncidentAction action, DateTime nowUtc)
    {
        if (action is IncidentAction.Close or IncidentAction.Cancel)
        {
            throw new ArgumentException("Close and cancel carry a closure or a reason: use Close or Cancel.", nameof(action));
        }

        if (!TryStartMove(actor, action, out var transition))
        {
            return;
        }

        if (action == IncidentAction.Resolve)
        {
            OpenStep(PlanStepKind.Resolve)?.Complete(actor.Name, nowUtc);
        }

        MoveTo(transition.To, actor, nowUtc);
        Touch(actor, nowUtc);
    }

    /// <summary>结案, with the follow-up visit planned from the closure's date.</summary>
    public void Close(Actor actor, Closure closure, Playbook playbook, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(closure.Outcome))
        {
            throw new DomainException("incident.outcome-required", "A closure states the outcome.");
        }

        if (new[] { closure.Outcome, closure.Referrals, closure.LessonsLearned }.Any(t => (t ?? string.Empty).Length > Closure.TextMaxLength))
        {
            throw new DomainException("incident.text-length", "Closure texts are limited.");
        }

        var today = DateOnly.FromDateTime(ChinaTime.FromUtc(nowUtc));
        if (closure.FollowUpDate < today || closure.FollowUpDate > today.AddYears(1))
        {
            throw new DomainException("incident.follow-up-date", "The follow-up visit is between today and a year from now.");
        }

        if (!TryStartMove(actor, IncidentAction.Close, out _))
        {
            return;
        }

        Closure = closure with { Outcome = closure.Outcome.Trim(), Referrals = (closure.Referrals ?? string.Empty).Trim(), LessonsLearned = (closure.LessonsLearned ?? string.Empty).Trim() };
        ClosedAtUtc = nowUtc;
        foreach (var step in Steps)
        {
            step.Cancel(nowUtc);
        }

        // The visit is due at the end of the chosen day in China.
        var followUpDueUtc = closure.FollowUpDate.ToDateTime(new TimeOnly(23, 59)) - ChinaTime.Offset;
        var followUp = new PlanStep(PlanStepKind.FollowUpVisit, null, 1, TownId, Roles.TownChair, nowUtc, followUpDueUtc - nowUtc);
        Steps.Add(followUp);
        Record(TimelineKind.Closed, actor, nowUtc, Closure.Outcome);
        MoveTo(Stage.Closed, actor, nowUtc);
        Touch(actor, nowUtc);
    }

    /// <summary>撤销: a duplicate or false report, with the reason.</summary>
    public void Cancel(Actor actor, string reason, DateTime nowUtc)
    {
        RequireText(reason, "incident.reason-required");
        if (!TryStartMove(actor, IncidentAction.Cancel, out _))
        {
            return;
        }

        CancelReason = reason.Trim();
        foreach (var step in Steps)
        {
            step.Cancel(nowUtc);
        }

        Record(TimelineKind.Cancelled, actor, nowUtc, CancelReason);
        MoveTo(Stage.Cancelled, actor, nowUtc);
        Touch(actor, nowUtc);
    }

    public void CompleteFollowUp(Actor actor, string text, DateTime nowUtc)
    {
        if (!(actor.IsOfTown(TownId) || actor.IsIn(Roles.FederationDutyOfficer)))
        {
            throw new DomainException("incident.not-allowed", "Only the town or the federation records the follow-up visit.");
        }

        RequireText(text, "incident.text-required");
        var step = Steps.FirstOrDefault(s => s.Kind == PlanStepKind.FollowUpVisit && s.IsOpen);
        if (step is null || !step.Complete(actor.Name, nowUtc))
        {
            return;
        }

        Record(TimelineKind.Note, actor, nowUtc, text.Trim());
        Touch(actor, nowUtc);
    }

    public void AddAttachment(Actor actor, Attachment attachment, DateTime nowUtc)
    {
        IncidentPermissions.Demand(actor, this, IncidentAction.AddAttachment);
        Attachments.Add(attachment);
        Record(TimelineKind.AttachmentAdded, actor, nowUtc, attachment.FileName);
        Touch(actor, nowUtc);
    }

    /// <summary>Adds roster lines; a worker already on the roster (same ID number) is skipped, never doubled.</summary>
    /// <returns>How many were added.</returns>
    public int ImportWorkers(Actor actor, IReadOnlyList<WorkerClaim> workers, DateTime nowUtc)
    {
        IncidentPermissions.Demand(actor, this, IncidentAction.ManageWorkers);
        var known = Workers.Select(w => w.IdNumber).ToHashSet();
        var added = workers.Where(w => known.Add(w.IdNumber)).ToList();
        if (added.Count == 0)
        {
            return 0;
        }

        Workers.AddRange(added);
        var total = added.Aggregate(Money.Zero, (sum, w) => sum + w.AmountOwed);
        Record(TimelineKind.WorkersImported, actor, nowUtc, $"{added.Count} / {total}");
        Touch(actor, nowUtc);
        return added.Count;
    }

    public void RecordRecovery(Actor actor, Guid workerId, Money amount, RecoverySource source, string note, DateTime nowUtc)
    {
        IncidentPermissions.Demand(actor, this, IncidentAction.ManageWorkers);
        if ((note ?? string.Empty).Length > Recovery.NoteMaxLength)
        {
            throw new DomainException("incident.text-length", "The note is too long.");
        }

        var worker = Workers.SingleOrDefault(w => w.Id == workerId)
            ?? throw new DomainException("roster.worker-missing", $"No worker {workerId}.");
        worker.Record(new Recovery { Amount = amount, Source = source, RecordedAtUtc = nowUtc, RecordedBy = actor.Name, Note = (note ?? string.Empty).Trim() });
        Record(TimelineKind.RecoveryRecorded, actor, nowUtc, $"{worker.Name} {amount} {source}");
        Touch(actor, nowUtc);
    }

    private bool TryStartMove(Actor actor, IncidentAction action, out StageTransitions.Transition transition)
    {
        transition = StageTransitions.For(action) ?? throw new ArgumentException($"{action} is not a stage move.", nameof(action));
        if (!IncidentPermissions.MayMove(actor, this, transition))
        {
            throw new DomainException("incident.not-allowed", $"{actor.Name} may not {action} incident {Number}.");
        }

        if (Stage == transition.To)
        {
            return false;
        }

        if (!transition.From.Contains(Stage))
        {
            throw new DomainException("incident.illegal-move", $"{Number} cannot {action} from {Stage}.");
        }

        return true;
    }

    private void MoveTo(Stage stage, Actor actor, DateTime nowUtc)
    {
        Record(TimelineKind.StageChanged, actor, nowUtc, $"{Stage}→{stage}");
        Stage = stage;
    }

    private void CompleteWithText(Actor actor, IncidentAction action, PlanStepKind kind, TimelineKind timeline, string text, DateTime nowUtc)
    {
        IncidentPermissions.Demand(actor, this, action);
        if ((text ?? string.Empty).Length > TextMaxLength)
        {
            throw new DomainException("incident.text-length", "The text is too long.");
        }

        if (OpenStep(kind) is not { } step)
        {
            return;
        }

        step.Complete(actor.Name, nowUtc);
        Record(timeline, actor, nowUtc, (text ?? string.Empty).Trim());
        Touch(actor, nowUtc);
    }

    private PlanStep Step(Guid stepId) =>
        Steps.SingleOrDefault(s => s.Id == stepId) ?? throw new DomainException("incident.step-missing", $"No step {stepId}.");

    private static void RequireText(string? text, string code)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException(code, "Text is required.");
        }

        if (text.Length > TextMaxLength)
        {
            throw new DomainException("incident.text-length", "The text is too long.");
        }
    }

    private void Record(TimelineKind kind, Actor actor, DateTime nowUtc, string text) =>
        Timeline.Add(new TimelineEntry(kind, actor.UserId, actor.Name, nowUtc, text));

    private void Touch(Actor actor, DateTime nowUtc)
    {
        ConcurrencyToken = Guid.NewGuid();
        LastChangedAtUtc = nowUtc;
        LastChangedBy = actor.Name;
    }
}

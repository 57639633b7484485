using Disputes.Domain.Incidents.History;
using Disputes.Domain.Organisations;
using Disputes.Domain.Playbooks;
using Disputes.Domain.Workers;

namespace Disputes.Domain.Incidents;

/// <summary>
/// 案件: the aggregate. Every change goes through a method that checks who may make it and raises a typed
/// <see cref="IncidentEvent"/>, stored as the next numbered timeline entry; a change to what users edit also renews
/// the concurrency token. Repeating a change that already happened is a no-op, so retries are safe. The collections
/// are read-only to the outside: only these methods change them.
/// </summary>
public sealed class Incident
{
    public const int NumberMaxLength = 20;
    public const int TextMaxLength = 4000;

    private readonly List<PlanStep> _steps = [];
    private readonly List<Engagement> _engagements = [];
    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<Attachment> _attachments = [];
    private readonly List<WorkerClaim> _workers = [];
    private readonly List<TimelineEntry> _raised = [];

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

    /// <summary>The sequence number of the last timeline entry. Every write moves it on, so the database turns away the
    /// second of two concurrent writers (a user, an escalation job, the sweep) and entries stay numbered without gaps.</summary>
    public int LastSequence { get; private set; }

    /// <summary>The version of the emergency plan that laid out the steps.</summary>
    public int PlaybookVersion { get; private set; }

    public DateTime LastChangedAtUtc { get; private set; }

    public string LastChangedBy { get; private set; } = string.Empty;

    public IReadOnlyList<PlanStep> Steps => _steps.AsReadOnly();

    public IReadOnlyList<Engagement> Engagements => _engagements.AsReadOnly();

    /// <summary>The entries loaded with the incident plus those raised since.</summary>
    public IReadOnlyList<TimelineEntry> Timeline => _timeline.AsReadOnly();

    public IReadOnlyList<Attachment> Attachments => _attachments.AsReadOnly();

    public IReadOnlyList<WorkerClaim> Workers => _workers.AsReadOnly();

    /// <summary>The entries raised since the incident was loaded or <see cref="ClearRaised"/> was last called: what one commit announces.</summary>
    public IReadOnlyList<TimelineEntry> Raised => _raised.AsReadOnly();

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
            PlaybookVersion = playbook.Version,
        };

        incident.Raise(new IncidentEvent.Logged(incident.Number, incident.Type, suggested, incident.WorkersInvolved, incident.WagesOwed.Fen, playbook.Version), actor, nowUtc);
        incident.Raise(new IncidentEvent.GradeSuggested(suggested), actor, nowUtc);
        if (report.GradeOverride is { } o && o.Grade != suggested)
        {
            incident.Raise(new IncidentEvent.GradeChanged(suggested, o.Grade, o.Reason.Trim()), actor, nowUtc);
        }

        var band = incident.Grade.Band();
        void Plan(PlanStepKind kind, string role, DepartmentKind? department = null, int sequence = 1) =>
            incident._steps.Add(new PlanStep(kind, department, sequence, townUnionId, role, nowUtc, playbook.DurationOf(kind, band)));

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
        _steps.FirstOrDefault(s => s.IsOpen && s.Kind == kind && (department is null || s.Department == department));

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
        Raise(new IncidentEvent.ArrivedOnScene(arrivedAtUtc), actor, nowUtc);
        if (Stage == Stage.Reported)
        {
            MoveTo(Stage.Responding, actor, nowUtc);
        }

        Touch(actor, nowUtc);
    }

    /// <summary>初报: the town has told the city federation.</summary>
    public void ReportUpward(Actor actor, string text, DateTime nowUtc) =>
        CompleteWithText(actor, IncidentAction.ReportUpward, PlanStepKind.InitialReport, t => new IncidentEvent.ReportedUpward(t), text, nowUtc);

    /// <summary>书面报告.</summary>
    public void SubmitWrittenReport(Actor actor, string text, DateTime nowUtc)
    {
        RequireText(text, "incident.text-required");
        CompleteWithText(actor, IncidentAction.SubmitWrittenReport, PlanStepKind.WrittenReport, t => new IncidentEvent.WrittenReport(t), text, nowUtc);
    }

    /// <summary>联动: draws a department in (required by the plan or not) and starts its acknowledgement timer.</summary>
    /// <param name="office">The department's office that answers for this town.</param>
    public Engagement EngageDepartment(Actor actor, DepartmentKind department, int office, Playbook playbook, DateTime nowUtc)
    {
        IncidentPermissions.Demand(actor, this, IncidentAction.EngageDepartment);
        if (_engagements.FirstOrDefault(e => e.Department == department) is { } existing)
        {
            return existing;
        }

        var engagement = new Engagement(department, office, actor.Name, nowUtc);
        _engagements.Add(engagement);
        OpenStep(PlanStepKind.EngageDepartment, department)?.Complete(actor.Name, nowUtc);
        _steps.Add(new PlanStep(PlanStepKind.DepartmentAcknowledges, department, 1, office, Roles.DepartmentLiaison, nowUtc,
            playbook.DurationOf(PlanStepKind.DepartmentAcknowledges, Grade.Band())));
        Raise(new IncidentEvent.DepartmentEngaged(department), actor, nowUtc);
        Touch(actor, nowUtc);
        return engagement;
    }

    /// <summary>签收.</summary>
    public void Acknowledge(Actor actor, Guid engagementId, DateTime nowUtc)
    {
        var engagement = Engagement(engagementId);
        if (!actor.IsLiaisonFor(engagement) || !IsOpen)
        {
            throw new DomainException("incident.not-allowed", $"{actor.Name} may not acknowledge for {engagement.Department}.");
        }

        if (!engagement.Acknowledge(actor.Name, nowUtc))
        {
            return;
        }

        OpenStep(PlanStepKind.DepartmentAcknowledges, engagement.Department)?.Complete(actor.Name, nowUtc);
        Raise(new IncidentEvent.EngagementAcknowledged(engagement.Department), actor, nowUtc);
        Touch(actor, nowUtc);
    }

    public void CompleteTask(Actor actor, Guid engagementId, Guid taskId, DateTime nowUtc)
    {
        var engagement = Engagement(engagementId);
        if (!actor.IsLiaisonFor(engagement) || !IsOpen)
        {
            throw new DomainException("incident.not-allowed", $"{actor.Name} may not report for {engagement.Department}.");
        }

        var task = engagement.Tasks.SingleOrDefault(t => t.Id == taskId)
            ?? throw new DomainException("incident.task-missing", $"No task {taskId}.");
        if (!task.Complete(actor.Name, nowUtc))
        {
            return;
        }

        _steps.FirstOrDefault(s => s.TaskId == taskId)?.Complete(actor.Name, nowUtc);
        Raise(new IncidentEvent.TaskDone(engagement.Department, task.Key, task.Text), actor, nowUtc);
        Touch(actor, nowUtc);
    }

    /// <summary>
    /// A task beyond the plan's defaults, added by the engaged department itself or by the duty officer. With a due
    /// time it becomes a plan step owned by the department's office, and escalates like any other.
    /// </summary>
    public void AddTask(Actor actor, Guid engagementId, string text, DateTime? dueAtUtc, DateTime nowUtc)
    {
        var engagement = Engagement(engagementId);
        if (!IsOpen || !(actor.IsLiaisonFor(engagement) || actor.IsIn(Roles.FederationDutyOfficer)))
        {
            throw new DomainException("incident.not-allowed", $"{actor.Name} may not add tasks for {engagement.Department}.");
        }

        RequireText(text, "incident.text-required", EngagementTask.TextMaxLength);
        if (dueAtUtc is { } due && (due <= nowUtc || due > nowUtc.AddYears(1)))
        {
            throw new DomainException("incident.task-due", "A task falls due after now and within a year.");
        }

        var task = engagement.AddTask(text.Trim());
        if (dueAtUtc is { } dueAt)
        {
            _steps.Add(new PlanStep(PlanStepKind.Task, engagement.Department, 1, engagement.OrganisationId, Roles.DepartmentLiaison, nowUtc, dueAt - nowUtc, task.Id));
        }

        Raise(new IncidentEvent.TaskAdded(engagement.Department, task.Text!, dueAtUtc), actor, nowUtc);
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
        Raise(new IncidentEvent.Note(text.Trim()), actor, nowUtc);
        if (IsOpen && (actor.IsOfTown(TownId) || actor.IsIn(Roles.FederationDutyOfficer))
            && OpenStep(PlanStepKind.ProgressUpdate) is { } due && due.Complete(actor.Name, nowUtc))
        {
            _steps.Add(new PlanStep(PlanStepKind.ProgressUpdate, null, due.Sequence + 1, TownId, Roles.TownOfficer, nowUtc,
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
        Raise(new IncidentEvent.StepPaused(RefOf(step), reason.Trim()), actor, nowUtc);
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

        Raise(new IncidentEvent.StepResumed(RefOf(step)), actor, nowUtc);
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
            foreach (var step in _steps.Where(s => s.IsOpen && s.Kind != PlanStepKind.Task))
            {
                step.Replan(playbook.DurationOf(step.Kind, grade.Band()));
            }
        }

        Raise(new IncidentEvent.GradeChanged(previous, grade, reason.Trim()), actor, nowUtc);
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

        var changes = new List<FieldChange>();
        void Compare(IncidentField field, string before, string after)
        {
            if (before != after)
            {
                changes.Add(new FieldChange(field, before, after));
            }
        }

        static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Compare(IncidentField.Workers, Invariant(WorkersInvolved), Invariant(workersInvolved));
        Compare(IncidentField.Wages, Invariant(WagesOwed.Fen), Invariant(wagesOwed.Fen));
        Compare(IncidentField.Months, Invariant(MonthsInArrears), Invariant(monthsInArrears));
        Compare(IncidentField.Location, Location, location.Trim());
        Compare(IncidentField.Facts, Invariant((int)Facts), Invariant((int)facts));
        Compare(IncidentField.Description, Description, description.Trim());
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
        Raise(new IncidentEvent.DetailsChanged(changes), actor, nowUtc);
        Resuggest(actor, playbook, ownership, nowUtc);
        Touch(actor, nowUtc);
    }

    /// <summary>
    /// Corrects the type logged in a hurry. The plan follows: a department the new type requires gets its engage step
    /// (unless already engaged or due), and an engage step the new type no longer requires is dropped before it is done.
    /// </summary>
    public void CorrectType(Actor actor, IncidentType type, string reason, Playbook playbook, Enterprises.Ownership ownership, DateTime nowUtc)
    {
        IncidentPermissions.Demand(actor, this, IncidentAction.CorrectType);
        if (!Enum.IsDefined(type))
        {
            throw new DomainException("incident.type-required", $"{(int)type} is not a type.");
        }

        if (type == Type)
        {
            return;
        }

        RequireText(reason, "incident.reason-required", IncidentReport.ReasonMaxLength);
        var required = playbook.RequiredFor(type);
        var added = required.Where(d => _engagements.All(e => e.Department != d) && OpenStep(PlanStepKind.EngageDepartment, d) is null).ToList();
        var dropped = _steps.Where(s => s.IsOpen && s.Kind == PlanStepKind.EngageDepartment && !required.Contains(s.Department!.Value)).ToList();
        foreach (var step in dropped)
        {
            step.Cancel(nowUtc);
        }

        foreach (var department in added)
        {
            _steps.Add(new PlanStep(PlanStepKind.EngageDepartment, department, 1, TownId, Roles.TownOfficer, nowUtc,
                playbook.DurationOf(PlanStepKind.EngageDepartment, Grade.Band())));
        }

        var previous = Type;
        Type = type;
        Raise(new IncidentEvent.TypeCorrected(previous, type, reason.Trim(), added, dropped.Select(s => s.Department!.Value).ToList()), actor, nowUtc);
        Resuggest(actor, playbook, ownership, nowUtc);
        Touch(actor, nowUtc);
    }

    /// <summary>
    /// 改派: the duty officer gives an open step to another organisation (a town union, a department's office, the
    /// federation), with the reason. The role that answers follows from the kind of organisation.
    /// </summary>
    public void ReassignStep(Actor actor, Guid stepId, OwnerRef from, OwnerRef to, string reason, DateTime nowUtc)
    {
        IncidentPermissions.Demand(actor, this, IncidentAction.ReassignStep);
        RequireText(reason, "incident.reason-required", IncidentReport.ReasonMaxLength);
        var step = Step(stepId);
        if (!step.IsOpen)
        {
            throw new DomainException("step.not-open", "Only an open step can be reassigned.");
        }

        if (from.OrganisationId != step.OwnerOrganisationId || from.Role != step.OwnerRole)
        {
            throw new ArgumentException("The step's current owner is not the one given.", nameof(from));
        }

        if (to.OrganisationId == step.OwnerOrganisationId && to.Role == step.OwnerRole)
        {
            return;
        }

        // Only someone who may see the incident can own one of its steps.
        var inAudience = to.Role switch
        {
            Roles.TownOfficer or Roles.TownChair => to.OrganisationId == TownId,
            Roles.DepartmentLiaison => _engagements.Any(e => e.OrganisationId == to.OrganisationId),
            _ => to.Role == Roles.FederationDutyOfficer,
        };
        if (!inAudience)
        {
            throw new DomainException("incident.owner-not-engaged", $"Organisation {to.OrganisationId} is neither the incident's town nor engaged on it.");
        }

        step.Reassign(to.OrganisationId, to.Role);
        Raise(new IncidentEvent.StepReassigned(RefOf(step), from, to, reason.Trim()), actor, nowUtc);
        Touch(actor, nowUtc);
    }

    /// <summary>A guarded stage move (see <see cref="StageTransitions"/>). Close and Cancel have their own methods.</summary>
    public void Move(Actor actor, IncidentAction action, DateTime nowUtc)
    {
        if (action is IncidentAction.Close or IncidentAction.Cancel)
        {
            // A client may send any action here: refused like any other move that cannot be made, not thrown as a bug.
            throw new DomainException("incident.illegal-move", $"{action} carries a closure or a reason: use Close or Cancel.");
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
    public void Close(Actor actor, Closure closure, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(closure.Outcome))
        {
            throw new DomainException("incident.outcome-required", "A closure states the outcome.");
        }

        if (closure.Recovered < Money.Zero || closure.Recovered > IncidentReport.MaxWages)
        {
            throw new DomainException("incident.recovered-invalid", "The amount recovered is between nothing and the largest wages the plan knows.");
        }

        if (new[] { closure.Outcome, closure.Referrals, closure.LessonsLearned }.Any(t => (t ?? string.Empty).Length > Closure.TextMaxLength))
        {
            throw new DomainException("incident.text-length", "Closure texts are limited.");
        }

        TypedText.Demand(closure.Outcome, closure.Referrals, closure.LessonsLearned);

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
        foreach (var step in _steps)
        {
            step.Cancel(nowUtc);
        }

        // The visit is due at the end of the chosen day in China.
        var followUpDueUtc = closure.FollowUpDate.ToDateTime(new TimeOnly(23, 59)) - ChinaTime.Offset;
        var followUp = new PlanStep(PlanStepKind.FollowUpVisit, null, 1, TownId, Roles.TownChair, nowUtc, followUpDueUtc - nowUtc);
        _steps.Add(followUp);
        Raise(new IncidentEvent.Closed(Closure.Outcome, Closure.Recovered.Fen, Closure.FollowUpDate), actor, nowUtc);
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
        foreach (var step in _steps)
        {
            step.Cancel(nowUtc);
        }

        Raise(new IncidentEvent.Cancelled(CancelReason), actor, nowUtc);
        MoveTo(Stage.Cancelled, actor, nowUtc);
        Touch(actor, nowUtc);
    }

    /// <summary>回访: the visit after closure, with what it found (were the wages paid, are the workers settled).</summary>
    public void CompleteFollowUp(Actor actor, bool wagesPaid, bool workersSettled, string note, DateTime nowUtc)
    {
        IncidentPermissions.Demand(actor, this, IncidentAction.CompleteFollowUp);
        RequireText(note, "incident.text-required");
        var step = OpenStep(PlanStepKind.FollowUpVisit);
        if (step is null || !step.Complete(actor.Name, nowUtc))
        {
            return;
        }

        Raise(new IncidentEvent.FollowUpCompleted(wagesPaid, workersSettled, note.Trim()), actor, nowUtc);
        Touch(actor, nowUtc);
    }

    public void AddAttachment(Actor actor, Attachment attachment, DateTime nowUtc)
    {
        IncidentPermissions.Demand(actor, this, IncidentAction.AddAttachment);
        _attachments.Add(attachment);
        Raise(new IncidentEvent.AttachmentAdded(attachment.FileName), actor, nowUtc);
        Touch(actor, nowUtc);
    }

    /// <summary>
    /// The ladder climbed (written by the escalation engine with its <c>Escalations</c> row, in one transaction). It does
    /// not renew the concurrency token: an escalation never makes a user's edit of the details a conflict.
    /// </summary>
    /// <param name="step">The overdue step; null for a grade I–II incident told to the city leaders.</param>
    public void RecordEscalation(int level, PlanStep? step, IReadOnlyList<string> told, DateTime nowUtc) =>
        Raise(new IncidentEvent.Escalated(level, step is null ? null : RefOf(step), told), TimelineEntry.SystemUserId, string.Empty, nowUtc);

    /// <summary>Adds roster lines; a worker already on the roster (same ID number) is skipped, never doubled.</summary>
    /// <returns>How many were added.</returns>
    public int ImportWorkers(Actor actor, IReadOnlyList<WorkerClaim> workers, DateTime nowUtc)
    {
        IncidentPermissions.Demand(actor, this, IncidentAction.ManageWorkers);
        var known = _workers.Select(w => w.IdNumber).ToHashSet();
        var added = workers.Where(w => known.Add(w.IdNumber)).ToList();
        if (added.Count == 0)
        {
            return 0;
        }

        _workers.AddRange(added);
        var total = added.Aggregate(Money.Zero, (sum, w) => sum + w.AmountOwed);
        Raise(new IncidentEvent.WorkersImported(added.Count, total.Fen), actor, nowUtc);
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

        if (!Enum.IsDefined(source))
        {
            throw new DomainException("roster.recovery-source", $"{(int)source} is not a source of recovered wages.");
        }

        TypedText.Demand(note);
        var worker = _workers.SingleOrDefault(w => w.Id == workerId)
            ?? throw new DomainException("roster.worker-missing", $"No worker {workerId}.");
        worker.Record(new Recovery { Amount = amount, Source = source, RecordedAtUtc = nowUtc, RecordedBy = actor.Name, Note = (note ?? string.Empty).Trim() });
        Raise(new IncidentEvent.RecoveryRecorded(worker.Name, amount.Fen, source), actor, nowUtc);
        Touch(actor, nowUtc);
    }

    private bool TryStartMove(Actor actor, IncidentAction action, out StageTransitions.Transition transition)
    {
        transition = StageTransitions.For(action) ?? throw new DomainException("incident.illegal-move", $"{action} is not a stage move.");
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
        Raise(new IncidentEvent.StageChanged(Stage, stage), actor, nowUtc);
        Stage = stage;
    }

    private void CompleteWithText(Actor actor, IncidentAction action, PlanStepKind kind, Func<string, IncidentEvent> happened, string text, DateTime nowUtc)
    {
        IncidentPermissions.Demand(actor, this, action);
        if ((text ?? string.Empty).Length > TextMaxLength)
        {
            throw new DomainException("incident.text-length", "The text is too long.");
        }

        TypedText.Demand(text);
        if (OpenStep(kind) is not { } step)
        {
            return;
        }

        step.Complete(actor.Name, nowUtc);
        Raise(happened((text ?? string.Empty).Trim()), actor, nowUtc);
        Touch(actor, nowUtc);
    }

    /// <summary>How the narrator names a step: its kind, department, count and, for a custom task, the task's text.</summary>
    public StepRef RefOf(PlanStep step) => new(step.Kind, step.Department, step.Sequence,
        step.TaskId is { } taskId ? _engagements.SelectMany(e => e.Tasks).FirstOrDefault(t => t.Id == taskId)?.Text : null);

    /// <summary>Forgets what was raised, once it has been announced.</summary>
    public void ClearRaised() => _raised.Clear();

    private PlanStep Step(Guid stepId) =>
        _steps.SingleOrDefault(s => s.Id == stepId) ?? throw new DomainException("incident.step-missing", $"No step {stepId}.");

    private Engagement Engagement(Guid engagementId) =>
        _engagements.SingleOrDefault(e => e.Id == engagementId) ?? throw new DomainException("incident.engagement-missing", $"No engagement {engagementId}.");

    private static void RequireText(string? text, string code, int maxLength = TextMaxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException(code, "Text is required.");
        }

        if (text.Length > maxLength)
        {
            throw new DomainException("incident.text-length", "The text is too long.");
        }

        TypedText.Demand(text);
    }

    /// <summary>The plan's suggestion follows the facts; a new suggestion is recorded, the grade itself stays.</summary>
    private void Resuggest(Actor actor, Playbook playbook, Enterprises.Ownership ownership, DateTime nowUtc)
    {
        var suggested = playbook.Grading.Suggest(WorkersInvolved, WagesOwed, Facts, Type, ownership);
        if (suggested != SuggestedGrade)
        {
            SuggestedGrade = suggested;
            Raise(new IncidentEvent.GradeSuggested(suggested), actor, nowUtc);
        }
    }

    private void Raise(IncidentEvent happened, Actor actor, DateTime nowUtc) => Raise(happened, actor.UserId, actor.Name, nowUtc);

    private void Raise(IncidentEvent happened, string actorUserId, string actorName, DateTime nowUtc)
    {
        var entry = new TimelineEntry(++LastSequence, happened, actorUserId, actorName, nowUtc);
        _timeline.Add(entry);
        _raised.Add(entry);
    }

    private void Touch(Actor actor, DateTime nowUtc)
    {
        ConcurrencyToken = Guid.NewGuid();
        LastChangedAtUtc = nowUtc;
        LastChangedBy = actor.Name;
    }
}

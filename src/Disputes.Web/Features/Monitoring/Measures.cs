using System.Linq.Expressions;
using Disputes.Data;
using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Workers;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Monitoring;

/// <summary>
/// What the wall counts, defined once: each figure counts one of these populations and its link opens the board filtered
/// by the same population (<see cref="Disputes.Web.Features.Board.BoardFilter"/>), so a drill-down shows exactly the incidents behind the
/// number. Periods are half-open, <c>[from, to)</c>, in UTC; a null bound is no bound. Everything here is a query the
/// database runs, on every provider.
/// </summary>
public static class Measures
{
    public const string IncidentId = nameof(IncidentId);

    /// <summary>Not closed and not cancelled. As equalities, not "not in", so the stage index can serve it.</summary>
    public static readonly Expression<Func<Incident, bool>> IsOpen = i =>
        i.Stage == Stage.Reported || i.Stage == Stage.Responding || i.Stage == Stage.Resolving || i.Stage == Stage.Resolved;

    public static IReadOnlyList<Stage> OpenStages { get; } = [Stage.Reported, Stage.Responding, Stage.Resolving, Stage.Resolved];

    public static IQueryable<Incident> Open(this IQueryable<Incident> incidents) => incidents.Where(IsOpen);

    public static IQueryable<Incident> LoggedIn(this IQueryable<Incident> incidents, DateTime? fromUtc, DateTime? toUtc) =>
        incidents.Where(i => (fromUtc == null || i.ReportedAtUtc >= fromUtc) && (toUtc == null || i.ReportedAtUtc < toUtc));

    public static IQueryable<Incident> ClosedIn(this IQueryable<Incident> incidents, DateTime? fromUtc, DateTime? toUtc) =>
        incidents.Where(i => i.ClosedAtUtc != null && (fromUtc == null || i.ClosedAtUtc >= fromUtc) && (toUtc == null || i.ClosedAtUtc < toUtc));

    /// <summary>
    /// Steps a department answers for: its acknowledgement and its timed tasks. Engaging a department is the town's
    /// step, though it names the department.
    /// </summary>
    public static IQueryable<PlanStep> DepartmentOwned(this IQueryable<PlanStep> steps) =>
        steps.Where(s => s.Department != null && (s.Kind == PlanStepKind.DepartmentAcknowledges || s.Kind == PlanStepKind.Task));

    public static IQueryable<PlanStep> OfDepartment(this IQueryable<PlanStep> steps, DepartmentKind department) =>
        steps.DepartmentOwned().Where(s => s.Department == department);

    /// <summary>
    /// Steps of a kind completed within the period: what a response time is measured on. Time to arrive is the arrival
    /// step, to report the initial report, to resolve the resolution step (completed when the incident first becomes
    /// Resolved), to acknowledge a department's acknowledgement step (started when it was engaged). Each such step is
    /// one per incident (per department for acknowledgements), so its incident stands for it on the board.
    /// </summary>
    public static IQueryable<PlanStep> DoneIn(this IQueryable<PlanStep> steps, PlanStepKind? kind, DateTime? fromUtc, DateTime? toUtc) =>
        steps.Where(s => s.CompletedAtUtc != null && (kind == null || s.Kind == kind)
            && (fromUtc == null || s.CompletedAtUtc >= fromUtc) && (toUtc == null || s.CompletedAtUtc < toUtc));

    /// <summary>
    /// The steps the on-time share is taken over: due within the period and decided by now (completed, or past due),
    /// neither cancelled nor standing paused. Pauses are excluded twice over: resuming moves the due time on by the
    /// pause, and a step paused now is not counted at all. On time is completed by the due time.
    /// </summary>
    public static IQueryable<PlanStep> DueIn(this IQueryable<PlanStep> steps, DateTime? fromUtc, DateTime? toUtc, DateTime nowUtc) =>
        steps.Where(s => s.CancelledAtUtc == null && s.PausedSinceUtc == null
            && (s.CompletedAtUtc != null || s.DueAtUtc <= nowUtc)
            && (fromUtc == null || s.DueAtUtc >= fromUtc) && (toUtc == null || s.DueAtUtc < toUtc));

    /// <summary>Escalations (of overdue steps and major-incident alerts alike) written within the period, at one level or any.</summary>
    public static IQueryable<EscalationRecord> EscalatedIn(this IQueryable<EscalationRecord> escalations, DateTime? fromUtc, DateTime? toUtc, int? level) =>
        escalations.Where(e => (level == null || e.Level == level) && (fromUtc == null || e.EscalatedAtUtc >= fromUtc) && (toUtc == null || e.EscalatedAtUtc < toUtc));

    /// <summary>Escalations nobody they went to has read in the app: unread by everyone, or sent to no one.</summary>
    public static IQueryable<EscalationRecord> UnreadByAll(this IQueryable<EscalationRecord> escalations, DisputesDbContext db) =>
        escalations.Where(e => !db.Notifications.Any(n => n.EscalationId == e.Id && n.Channel == NotificationChannel.InApp && n.ReadAtUtc != null));

    /// <summary>Escalations of a department's own steps (<see cref="OfDepartment(IQueryable{PlanStep}, DepartmentKind)"/>).</summary>
    public static IQueryable<EscalationRecord> OfDepartment(this IQueryable<EscalationRecord> escalations, DisputesDbContext db, DepartmentKind department)
    {
        var steps = db.PlanSteps.OfDepartment(department);
        return escalations.Where(e => steps.Any(s => s.Id == e.StepId));
    }

    /// <summary>The recoveries recorded for an incident's workers, with the incident they belong to.</summary>
    public static IQueryable<IncidentRecovery> Recoveries(this DisputesDbContext db) =>
        from w in db.WorkerClaims
        from r in w.Recoveries
        select new IncidentRecovery { IncidentId = EF.Property<int>(w, IncidentId), Source = r.Source, AmountFen = r.Amount.Fen, RecordedAtUtc = r.RecordedAtUtc };

    /// <summary>Built with an initializer, so EF Core can filter and group on its members.</summary>
    public sealed class IncidentRecovery
    {
        public required int IncidentId { get; init; }
        public required RecoverySource Source { get; init; }
        public required long AmountFen { get; init; }
        public required DateTime RecordedAtUtc { get; init; }
    }
}

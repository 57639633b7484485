using System.Globalization;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Web.Components;
using Disputes.Web.Resources;
using Microsoft.Extensions.Localization;
using static Disputes.Domain.Incidents.History.IncidentEvent;

namespace Disputes.Web.Features.Incidents;

/// <summary>
/// The one narrator: turns a timeline entry into a sentence in zh-CN or en — who did what, with the values put into
/// words (grades, stages, departments, money, China time). The timeline, and later exports, emails and the bulletin,
/// read history only through it, so no enum name or identifier ever reaches a page.
/// </summary>
public sealed class IncidentNarrator(IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Long texts (a description corrected) are cut to this in a sentence; the entry keeps them whole.</summary>
    public const int QuoteMaxLength = 80;

    /// <summary>The sentence in the current UI culture.</summary>
    public string Narrate(TimelineEntry entry) => Narrate(entry.Event, entry.IsBySystem ? null : entry.ActorName);

    /// <param name="actorName">Who did it; null for the system (an escalation).</param>
    public string Narrate(IncidentEvent happened, string? actorName) => Sentence(happened, actorName ?? localizer["Timeline.System"]);

    /// <summary>The sentence in the given culture (an email to someone, an export), whatever the current one is.</summary>
    public string Narrate(IncidentEvent happened, string? actorName, CultureInfo culture)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = culture;
        try
        {
            return Narrate(happened, actorName);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }

    private string Sentence(IncidentEvent happened, string who) => happened switch
    {
        Logged e => Say("Logged", who, e.Number, T(e.Type), T(e.Grade), e.WorkersInvolved, new Money(e.WagesOwedFen)),
        GradeSuggested e => Say("GradeSuggested", who, T(e.Grade)),
        ArrivedOnScene e => Say("ArrivedOnScene", who, Time(e.ArrivedAtUtc)),
        ReportedUpward e => string.IsNullOrEmpty(e.Text) ? Say("ReportedUpward", who) : Say("ReportedUpward.WithText", who, e.Text),
        WrittenReport e => Say("WrittenReport", who, e.Text),
        DepartmentEngaged e => Say("DepartmentEngaged", who, T(e.Department)),
        EngagementAcknowledged e => Say("EngagementAcknowledged", who, T(e.Department)),
        TaskAdded e => Say(e.DueAtUtc is null ? "TaskAdded" : "TaskAdded.Due", who, T(e.Department), e.Text, e.DueAtUtc is { } due ? Time(due) : string.Empty),
        TaskDone e => Say("TaskDone", who, T(e.Department), e.TaskKey is { } key ? localizer[key] : e.TaskText ?? string.Empty),
        Note e => Say("Note", who, e.Text),
        StepPaused e => Say("StepPaused", who, Step(e.Step), e.Reason),
        StepResumed e => Say("StepResumed", who, Step(e.Step)),
        StepReassigned e => Say("StepReassigned", who, Step(e.Step), Owner(e.From), Owner(e.To), e.Reason),
        GradeChanged e => Say("GradeChanged", who, T(e.From), T(e.To), e.Reason),
        TypeCorrected e => Say("TypeCorrected", who, T(e.From), T(e.To), e.Reason)
            + (e.Added.Count > 0 ? Say("TypeCorrected.Added", Departments(e.Added)) : string.Empty)
            + (e.Dropped.Count > 0 ? Say("TypeCorrected.Dropped", Departments(e.Dropped)) : string.Empty),
        StageChanged e => Say("StageChanged", who, T(e.From), T(e.To)),
        DetailsChanged { Changes.Count: 0 } => Say("DetailsChanged.Unspecified", who),
        DetailsChanged e => Say("DetailsChanged", who, string.Join(localizer["Narration.ListSeparator"], e.Changes.Select(Change))),
        AttachmentAdded e => Say("AttachmentAdded", who, e.FileName),
        WorkersImported e => Say("WorkersImported", who, e.Count, new Money(e.TotalOwedFen)),
        RecoveryRecorded e => Say("RecoveryRecorded", who, e.WorkerName, new Money(e.AmountFen), T(e.Source)),
        Closed e => Say("Closed", who, WithoutFullStop(e.Outcome), new Money(e.RecoveredFen), e.FollowUpDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        Cancelled e => Say("Cancelled", who, e.Reason),
        FollowUpCompleted e => Say("FollowUpCompleted", who, localizer[$"FollowUp.WagesPaid.{e.WagesPaid}"], localizer[$"FollowUp.WorkersSettled.{e.WorkersSettled}"], e.Findings),
        Escalated { Step: null } e => Say("MajorIncidentAlerted", who, e.Level, Told(e)),
        Escalated e => Say("Escalated", who, e.Level, Step(e.Step!), Told(e)),
        _ => throw new InvalidOperationException($"No narration for {happened.GetType().Name}."),
    };

    /// <summary>The people an escalation told, or — when nobody could be told — who it was meant for.</summary>
    private string Told(Escalated e) =>
        e.Told.Count > 0 ? string.Join(localizer["Narration.ListSeparator"], e.Told) : localizer[$"Escalation.Level{e.Level}.Audience"];

    private string Say(string kind, params object[] values) => localizer[$"Narration.{kind}", values];

    private string T<TEnum>(TEnum value) where TEnum : struct, Enum => localizer.Text(value);

    private static string Time(DateTime utc) => ChinaTime.FromUtc(utc).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    private string Departments(IEnumerable<Domain.Organisations.DepartmentKind> departments) =>
        string.Join(localizer["Narration.ListSeparator"], departments.Select(T));

    private string Owner(OwnerRef owner) => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? owner.Name : owner.NameEn;

    /// <summary>到场, 签收（公安）, 任务“核查社保缴纳”.</summary>
    private string Step(StepRef step)
    {
        var name = step.Kind == PlanStepKind.Task ? localizer["Narration.TaskStep", step.Task ?? string.Empty].Value : T(step.Kind);
        return step.Department is { } department ? localizer["Narration.StepOfDepartment", name, T(department)] : name;
    }

    private string Change(FieldChange change)
    {
        string Value(string value) => change.Field switch
        {
            IncidentField.Wages => new Money(long.Parse(value, CultureInfo.InvariantCulture)).ToString(),
            IncidentField.Facts => localizer.Text((AggravatingFacts)int.Parse(value, CultureInfo.InvariantCulture)),
            IncidentField.Location or IncidentField.Description => Quote(value),
            _ => value,
        };

        return localizer["Narration.FieldChange", T(change.Field), Value(change.Before), Value(change.After)];
    }

    /// <summary>
    /// What a person typed, to be followed by the sentence's own full stop: people end their sentences with one, and an
    /// official text must not read "。。".
    /// </summary>
    public static string WithoutFullStop(string text) => text.TrimEnd().TrimEnd('。', '.', '．');

    private static string Quote(string text) => text.Length <= QuoteMaxLength ? text : text[..QuoteMaxLength] + "…";
}

using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Workers;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Features.Roster;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Tests.Hostile;

/// <summary>
/// Hostile payloads for every command type of the one write path (<see cref="IncidentCommands.SendAsync"/>), each its own
/// case: texts far too long or blank, unknown enum values, impossible amounts, counts and times, ids that name nothing.
/// Each is refused with an error code that has a message in both languages, and leaves every table and the incident's
/// version and last sequence as they were. The hostile texts a user may legitimately type are stored as typed and shown
/// as text.
/// </summary>
public sealed class HostileCommandTests(HostileCity city) : IClassFixture<HostileCity>
{
    private sealed record Case(string Actor, Func<HostileCity, Guid, IncidentCommand> Make, string? Code);

    private const string Duty = "duty";
    private const string Liaison = "zp.justice";
    private const string Officer = "zp.officer";

    private static readonly string[] Lengths = ["megabyte", "one-over"];
    private static readonly string[] Blanks = ["empty", "whitespace", "null"];

    /// <summary>The commands that carry a required text: who sends it, the command around the text, the code for a blank one and the text's limit.</summary>
    private static readonly (string Name, string Actor, Func<HostileCity, Guid, string, IncidentCommand> Make, string Blank, int Limit)[] RequiredTexts =
    [
        ("progress-note", Duty, (c, _, t) => new AddProgressNote(c.Number, t), "incident.text-required", Incident.TextMaxLength),
        ("written-report", Duty, (c, _, t) => new SubmitWrittenReport(c.Number, t), "incident.text-required", Incident.TextMaxLength),
        ("pause-reason", Duty, (c, _, t) => new PauseStep(c.Number, c.StepId, t), "incident.reason-required", Incident.TextMaxLength),
        ("grade-reason", Duty, (c, token, t) => new ChangeGrade(c.Number, token, SeverityGrade.III, t), "incident.grade-reason-required", IncidentReport.ReasonMaxLength),
        ("type-reason", Duty, (c, token, t) => new CorrectType(c.Number, token, IncidentType.Closure, t), "incident.reason-required", IncidentReport.ReasonMaxLength),
        ("reassign-reason", Duty, (c, _, t) => new ReassignStep(c.Number, c.StepId, c.TownId, t), "incident.reason-required", IncidentReport.ReasonMaxLength),
        ("cancel-reason", Duty, (c, token, t) => new CancelIncident(c.Number, token, t), "incident.reason-required", Incident.TextMaxLength),
        ("task-text", Liaison, (c, _, t) => new AddTask(c.Number, c.EngagementId, t, null), "incident.text-required", EngagementTask.TextMaxLength),
        ("close-outcome", Duty, (c, token, t) => new CloseIncident(c.Number, token, t, "", "", Money.Zero, null), "incident.outcome-required", Closure.TextMaxLength),
    ];

    /// <summary>Texts that may be blank but not too long.</summary>
    private static readonly (string Name, string Actor, Func<HostileCity, Guid, string, IncidentCommand> Make, string Code, int Limit)[] LimitedTexts =
    [
        ("initial-report", Duty, (c, _, t) => new ReportUpward(c.Number, t), "incident.text-length", Incident.TextMaxLength),
        ("recovery-note", Officer, (c, _, t) => new RecordRecovery(c.Number, c.WorkerId, Money.FromYuan(1), RecoverySource.Employer, t), "incident.text-length",
            Recovery.NoteMaxLength),
        ("details-location", Duty, (c, token, t) => Details(c, token, location: t), "incident.location-length", IncidentReport.LocationMaxLength),
        ("details-description", Duty, (c, token, t) => Details(c, token, description: t), "incident.description-length", IncidentReport.DescriptionMaxLength),
        ("close-referrals", Duty, (c, token, t) => new CloseIncident(c.Number, token, "已解决", t, "", Money.Zero, null), "incident.text-length", Closure.TextMaxLength),
        ("close-lessons", Duty, (c, token, t) => new CloseIncident(c.Number, token, "已解决", "", t, Money.Zero, null), "incident.text-length", Closure.TextMaxLength),
    ];

    private static readonly Dictionary<string, Case> Cases = Build();

    public static TheoryData<string> RefusedCases() => [.. Cases.Keys];

    public static TheoryData<string> StoredTexts() => [.. HostileText.InertNames];

    public static TheoryData<string> BrokenTexts() => [.. HostileText.BrokenNames];

    /// <summary>Every other text field of the commands, with a control character and with a lone surrogate.</summary>
    private static readonly Dictionary<string, (string Actor, Func<HostileCity, Guid, string, IncidentCommand> Make)> BrokenFields =
        RequiredTexts.Select(t => (t.Name, t.Actor, t.Make)).Concat(LimitedTexts.Select(t => (t.Name, t.Actor, t.Make)))
            .Where(t => t.Name != "progress-note").ToDictionary(t => t.Name, t => (t.Actor, t.Make));

    public static TheoryData<string> BrokenCases() => [.. BrokenFields.Keys.SelectMany(f => new[] { $"{f}:escape", $"{f}:lone-high-surrogate" })];

    private static CorrectDetails Details(HostileCity c, Guid token, int workers = 20, Money? wages = null, int months = 2, string location = "厂区门口",
        AggravatingFacts facts = AggravatingFacts.None, string description = "职工在厂门口聚集") =>
        new(c.Number, token, workers, wages ?? Money.FromYuan(60_000), months, location, facts, description);

    private static Dictionary<string, Case> Build()
    {
        var cases = new Dictionary<string, Case>();
        foreach (var (name, actor, make, blank, limit) in RequiredTexts)
        {
            foreach (var length in Lengths)
            {
                cases[$"{name}:{length}"] = new(actor, (c, token) => make(c, token, length == "megabyte" ? HostileText.Megabyte : new string('欠', limit + 1)),
                    name is "grade-reason" && length == "one-over" ? "incident.grade-reason-required" : "incident.text-length");
            }

            foreach (var empty in Blanks)
            {
                cases[$"{name}:{empty}"] = new(actor, (c, token) => make(c, token, empty switch { "empty" => "", "whitespace" => " \t\r\n\u3000 ", _ => null! }), blank);
            }
        }

        foreach (var (name, actor, make, code, limit) in LimitedTexts)
        {
            foreach (var length in Lengths)
            {
                cases[$"{name}:{length}"] = new(actor, (c, token) => make(c, token, length == "megabyte" ? HostileText.Megabyte : new string('欠', limit + 1)), code);
            }
        }

        void Add(string name, string actor, Func<HostileCity, Guid, IncidentCommand> make, string? code) => cases[name] = new(actor, make, code);

        // Enum values no client should send, as a hub or a hand-written request could.
        Add("grade:99", Duty, (c, t) => new ChangeGrade(c.Number, t, (SeverityGrade)99, "核对"), "incident.grade-invalid");
        Add("grade:-1", Duty, (c, t) => new ChangeGrade(c.Number, t, (SeverityGrade)(-1), "核对"), "incident.grade-invalid");
        Add("type:99", Duty, (c, t) => new CorrectType(c.Number, t, (IncidentType)99, "核对"), "incident.type-required");
        Add("type:-1", Duty, (c, t) => new CorrectType(c.Number, t, (IncidentType)(-1), "核对"), "incident.type-required");
        Add("stage-move:99", Duty, (c, t) => new MoveStage(c.Number, t, (IncidentAction)99), "incident.illegal-move");
        Add("stage-move:not-a-move", Duty, (c, t) => new MoveStage(c.Number, t, IncidentAction.AddNote), "incident.illegal-move");
        Add("stage-move:close-without-closure", Duty, (c, t) => new MoveStage(c.Number, t, IncidentAction.Close), "incident.illegal-move");
        Add("engage:99", Duty, (c, _) => new EngageDepartments(c.Number, [(DepartmentKind)99]), "incident.department-unknown");
        Add("engage:-1-after-a-known-one", Duty, (c, _) => new EngageDepartments(c.Number, [DepartmentKind.Police, (DepartmentKind)(-1)]), "incident.department-unknown");
        Add("recovery-source:99", Officer, (c, _) => new RecordRecovery(c.Number, c.WorkerId, Money.FromYuan(1), (RecoverySource)99, ""), "roster.recovery-source");
        Add("details-facts:undefined-flag", Duty, (c, t) => Details(c, t, facts: (AggravatingFacts)(1 << 30)), "incident.facts-unknown");
        Add("details-facts:all-bits", Duty, (c, t) => Details(c, t, facts: (AggravatingFacts)(-1)), "incident.facts-unknown");

        // Amounts: negative, absurd, past a long's range of fen.
        foreach (var (name, fen) in new[] { ("zero", 0L), ("minus-one-fen", -1L), ("long-max-fen", long.MaxValue), ("long-min-fen", long.MinValue) })
        {
            Add($"recovery-amount:{name}", Officer, (c, _) => new RecordRecovery(c.Number, c.WorkerId, new Money(fen), RecoverySource.Employer, ""),
                fen > 0 ? "roster.recovery-exceeds" : "roster.recovery-amount");
        }

        Add("recovery-amount:more-than-owed", Officer, (c, _) => new RecordRecovery(c.Number, c.WorkerId, Money.FromYuan(5000.01m), RecoverySource.Employer, ""),
            "roster.recovery-exceeds");
        foreach (var (name, fen) in new[] { ("minus-one-fen", -1L), ("long-max-fen", long.MaxValue), ("long-min-fen", long.MinValue), ("trillion-yuan", 1_000_000_000_000L * 100) })
        {
            Add($"details-wages:{name}", Duty, (c, t) => Details(c, t, wages: new Money(fen)), "incident.wages-range");
            Add($"close-recovered:{name}", Duty, (c, t) => new CloseIncident(c.Number, t, "已解决", "", "", new Money(fen), null), "incident.recovered-invalid");
        }

        foreach (var workers in new[] { 0, -1, 1_000_000_000, int.MaxValue, int.MinValue })
        {
            Add($"details-workers:{workers}", Duty, (c, t) => Details(c, t, workers: workers), "incident.workers-range");
        }

        foreach (var months in new[] { -1, IncidentReport.MaxMonthsInArrears + 1, int.MaxValue })
        {
            Add($"details-months:{months}", Duty, (c, t) => Details(c, t, months: months), "incident.months-range");
        }

        // Times: the ends of DateTime, the future, long before the report.
        foreach (var (name, at) in new (string, Func<HostileCity, DateTime>)[]
                 {
                     ("min-value", _ => DateTime.MinValue), ("max-value", _ => DateTime.MaxValue), ("tomorrow", c => Now(c).AddDays(1)),
                     ("a-week-before-the-report", c => Now(c).AddDays(-7)),
                 })
        {
            Add($"arrival:{name}", Officer, (c, _) => new ConfirmArrival(c.Number, at(c)), "incident.arrival-time");
        }

        foreach (var (name, at) in new (string, Func<HostileCity, DateTime>)[]
                 {
                     ("min-value", _ => DateTime.MinValue), ("max-value", _ => DateTime.MaxValue), ("a-minute-ago", c => Now(c).AddMinutes(-1)),
                     ("in-two-years", c => Now(c).AddYears(2)),
                 })
        {
            Add($"task-due:{name}", Liaison, (c, _) => new AddTask(c.Number, c.EngagementId, "核对", at(c)), "incident.task-due");
        }

        foreach (var (name, day) in new (string, Func<HostileCity, DateOnly>)[]
                 {
                     ("min-value", _ => DateOnly.MinValue), ("max-value", _ => DateOnly.MaxValue), ("yesterday", c => Today(c).AddDays(-1)),
                     ("in-two-years", c => Today(c).AddYears(2)),
                 })
        {
            Add($"close-follow-up:{name}", Duty, (c, t) => new CloseIncident(c.Number, t, "已解决", "", "", Money.Zero, day(c)), "incident.follow-up-date");
        }

        // Ids that name nothing on the incident.
        Add("acknowledge:empty-engagement", Liaison, (c, _) => new Acknowledge(c.Number, Guid.Empty), "incident.engagement-missing");
        Add("acknowledge:unknown-engagement", Liaison, (c, _) => new Acknowledge(c.Number, Guid.NewGuid()), "incident.engagement-missing");
        Add("complete-task:unknown-task", Liaison, (c, _) => new CompleteTask(c.Number, c.EngagementId, Guid.NewGuid()), "incident.task-missing");
        Add("complete-task:unknown-engagement", Liaison, (c, _) => new CompleteTask(c.Number, Guid.NewGuid(), c.TaskId), "incident.engagement-missing");
        Add("add-task:unknown-engagement", Liaison, (c, _) => new AddTask(c.Number, Guid.NewGuid(), "核对", null), "incident.engagement-missing");
        Add("pause:unknown-step", Duty, (c, _) => new PauseStep(c.Number, Guid.Empty, "核对"), "incident.step-missing");
        Add("resume:unknown-step", Duty, (c, _) => new ResumeStep(c.Number, Guid.NewGuid()), "incident.step-missing");
        Add("reassign:unknown-step", Duty, (c, _) => new ReassignStep(c.Number, Guid.NewGuid(), c.TownId, "核对"), "incident.step-missing");
        Add("reassign:organisation-minus-one", Duty, (c, _) => new ReassignStep(c.Number, c.StepId, -1, "核对"), "incident.owner-missing");
        Add("reassign:organisation-int-max", Duty, (c, _) => new ReassignStep(c.Number, c.StepId, int.MaxValue, "核对"), "incident.owner-missing");
        Add("recovery:unknown-worker", Officer, (c, _) => new RecordRecovery(c.Number, Guid.Empty, Money.FromYuan(1), RecoverySource.Employer, ""), "roster.worker-missing");
        Add("grade:stale-version", Duty, (c, _) => new ChangeGrade(c.Number, Guid.NewGuid(), SeverityGrade.III, "核对"), "incident.conflict");
        Add("follow-up:on-an-open-incident", Duty, (c, _) => new CompleteFollowUp(c.Number, true, true, "回访"), null);

        // Roster lines and attachments reach the command through the parser and the upload's inspection (HostileFileTests); here,
        // sent to an incident the user may not touch or that is not one.
        Add("import-workers:another-towns-officer", "ys.officer", (c, _) => new ImportWorkers(c.Number,
            [new WorkerClaim("王五", HostileCity.IdNumber("32058319700101555"), "", Money.FromYuan(100))]), "incident.not-found");
        Add("import-workers:no-incident", Officer, (_, _) => new ImportWorkers("ZP-9999-9999", []), "incident.not-found");
        Add("add-attachment:a-liaison-of-another-department", "labor.liaison", (c, _) => new AddAttachment(c.Number, new Disputes.Domain.Incidents.Attachment
        {
            FileName = HostileText.Script + ".pdf", ContentType = "application/pdf", SizeBytes = 1, StorageKey = "../../etc/passwd", UploadedBy = "敌意",
        }), "incident.not-found");

        // Incident numbers that are not one.
        foreach (var (name, number) in new[]
                 {
                     ("empty", ""), ("megabyte", HostileText.Megabyte), ("sql", "ZP-2026-0001' OR '1'='1"), ("like-wildcard", "ZP-%"),
                     ("path", "../../etc/passwd"), ("script", HostileText.Script), ("nul", "ZP-2026-0001\0"),
                 })
        {
            Add($"number:{name}", Duty, (_, _) => new AddProgressNote(number, "续报"), "incident.not-found");
        }

        return cases;
    }

    private static DateTime Now(HostileCity c) => c.App.Clock.GetUtcNow().UtcDateTime;

    private static DateOnly Today(HostileCity c) => DateOnly.FromDateTime(ChinaTime.FromUtc(Now(c)));

    [Fact]
    public void Every_command_type_gets_hostile_payloads()
    {
        var all = typeof(IncidentCommand).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(IncidentCommand)))
            .Select(t => t.Name).ToHashSet();
        var covered = Cases.Values.Select(c => c.Make(city, Guid.Empty).GetType().Name).ToHashSet();

        Assert.Empty(all.Except(covered));
    }

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public async Task A_hostile_command_is_refused_with_a_message_and_writes_nothing(string name)
    {
        var @case = Cases[name];
        var actor = await Actors.ForAsync(city.App, @case.Actor);
        var before = await Outcome.SnapshotAsync(city.App, city.Number);

        var result = await city.Commands.SendAsync(actor, @case.Make(city, before.Incident.Token));

        Outcome.Refused(city.App, result, @case.Code);
        await Outcome.UnchangedAsync(city.App, city.Number, before);
    }

    [Theory]
    [MemberData(nameof(StoredTexts))]
    public async Task Markup_and_sql_in_a_note_are_stored_as_typed_and_the_page_shows_them_as_text(string name)
    {
        var text = HostileText.Named(name);
        var duty = await Actors.ForAsync(city.App, Duty);

        var result = await city.Commands.SendAsync(duty, new AddProgressNote(city.Number, text));

        Assert.True(result.Succeeded, result.ErrorCode);
        var stored = await LastNoteAsync();
        Assert.Equal(text.Trim(), stored);
        var client = await city.BrowserAsync(Officer);
        var html = await client.GetStringAsync($"/incidents/{city.Number}");
        Outcome.RendersInert(html, stored);
    }

    [Theory]
    [MemberData(nameof(BrokenCases))]
    public async Task A_text_with_control_characters_or_broken_unicode_is_refused_with_a_message_and_writes_nothing(string name)
    {
        var (field, text) = (name.Split(':')[0], HostileText.Named(name.Split(':')[1]));
        var (actor, make) = BrokenFields[field];
        var before = await Outcome.SnapshotAsync(city.App, city.Number);

        var result = await city.Commands.SendAsync(await Actors.ForAsync(city.App, actor), make(city, before.Incident.Token, text));

        Outcome.Refused(city.App, result, TypedText.CharactersError);
        await Outcome.UnchangedAsync(city.App, city.Number, before);
    }

    [Theory]
    [MemberData(nameof(BrokenTexts))]
    public async Task A_note_with_control_characters_or_broken_unicode_is_refused_with_a_message_and_writes_nothing(string name)
    {
        var duty = await Actors.ForAsync(city.App, Duty);
        var before = await Outcome.SnapshotAsync(city.App, city.Number);

        var result = await city.Commands.SendAsync(duty, new AddProgressNote(city.Number, HostileText.Named(name)));

        Outcome.Refused(city.App, result, "text.characters");
        await Outcome.UnchangedAsync(city.App, city.Number, before);
    }

    private Task<string> LastNoteAsync() => city.App.WithDbAsync(async db =>
    {
        var entry = await db.TimelineEntries.AsNoTracking().Where(t => t.Kind == Disputes.Domain.Incidents.History.TimelineKind.Note)
            .OrderByDescending(t => t.Sequence).FirstAsync();
        return ((Disputes.Domain.Incidents.History.IncidentEvent.Note)entry.Event).Text;
    });
}

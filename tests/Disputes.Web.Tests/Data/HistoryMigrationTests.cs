using System.Globalization;
using Disputes.Data;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Organisations;
using Disputes.Domain.Workers;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using static Disputes.Domain.Incidents.History.IncidentEvent;

namespace Disputes.Web.Tests.Data;

/// <summary>A database from before the typed history keeps every entry: its free text becomes the event it described.</summary>
public sealed class HistoryMigrationTests
{
    /// <summary>Each kind as the old timeline wrote it, and the event the migration must make of it.</summary>
    private static readonly (string Kind, string Text, IncidentEvent Expected)[] Rows =
    [
        ("Logged", "ZP-2026-0001", new Logged("ZP-2026-0001", IncidentType.WageArrears, SeverityGrade.III, 40, 20_000_000, 1)),
        ("GradeSuggested", "III", new GradeSuggested(SeverityGrade.III)),
        ("ArrivedOnScene", "2026-03-10T02:30:00.0000000Z", new ArrivedOnScene(new DateTime(2026, 3, 10, 2, 30, 0, DateTimeKind.Utc))),
        ("ReportedUpward", "", new ReportedUpward("")),
        ("WrittenReport", "书面报告：已核实欠薪", new WrittenReport("书面报告：已核实欠薪")),
        ("DepartmentEngaged", "Justice", new DepartmentEngaged(DepartmentKind.Justice)),
        ("EngagementAcknowledged", "Justice", new EngagementAcknowledged(DepartmentKind.Justice)),
        ("TaskDone", "Task.Justice.LegalAid", new TaskDone(DepartmentKind.Justice, "Task.Justice.LegalAid", null)),
        ("Note", "他说：\"明天发\"", new Note("他说：\"明天发\"")),
        ("StepPaused", "DepartmentAcknowledges/Police: 等待法院: 裁定", new StepPaused(new StepRef(PlanStepKind.DepartmentAcknowledges, DepartmentKind.Police), "等待法院: 裁定")),
        ("StepResumed", "WrittenReport", new StepResumed(new StepRef(PlanStepKind.WrittenReport))),
        ("GradeChanged", "III→II: 工人已堵路", new GradeChanged(SeverityGrade.III, SeverityGrade.II, "工人已堵路")),
        ("StageChanged", "Reported→Responding", new StageChanged(Stage.Reported, Stage.Responding)),
        ("AttachmentAdded", "现场照片.jpg", new AttachmentAdded("现场照片.jpg")),
        ("WorkersImported", "3 / ¥12,000.50", new WorkersImported(3, 1_200_050)),
        ("RecoveryRecorded", "张三 ¥5,000.00 WageGuaranteeFund", new RecoveryRecorded("张三", 500_000, RecoverySource.WageGuaranteeFund)),
        ("Closed", "工资已全额支付", new Closed("工资已全额支付", 0, new DateOnly(2026, 4, 9))),
        ("Cancelled", "重复登记", new Cancelled("重复登记")),
        ("Escalated", "1|EngageDepartment/Police", new Escalated(1, new StepRef(PlanStepKind.EngageDepartment, DepartmentKind.Police), [])),
        ("Escalated", "3|MajorIncident", new Escalated(3, null, [])),
    ];

    [Fact]
    public async Task Every_old_entry_becomes_its_typed_event_numbered_in_the_order_it_was_written()
    {
        using var app = new DisputesAppFactory();
        await CreateDatabaseBeforeHistoryAsync(app.DatabasePath);

        app.CreateClient();

        var entries = await app.WithDbAsync(db => db.TimelineEntries.AsNoTracking().Where(t => EF.Property<int>(t, "IncidentId") == 9001)
            .OrderBy(t => t.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, Rows.Length + 1), entries.Select(e => e.Sequence));
        Assert.Equal(Rows.Length + 1, await app.WithDbAsync(db => db.Incidents.Where(i => i.Id == 9001).Select(i => i.LastSequence).SingleAsync()));
        var details = Assert.IsType<DetailsChanged>(entries[^1].Event);
        Assert.Empty(details.Changes);
        foreach (var (row, entry) in Rows.Zip(entries))
        {
            Assert.Equal(row.Kind, entry.Kind.ToString());
            Assert.Equal(Normal(row.Expected), Normal(entry.Event));
        }

        var narrator = app.Services.GetRequiredService<IncidentNarrator>();
        Assert.All(entries, e => Assert.DoesNotContain("Police", narrator.Narrate(e.Event, e.ActorName, CultureInfo.GetCultureInfo("zh-CN")), StringComparison.Ordinal));
    }

    /// <summary>Records holding lists compare those lists by reference; compare them by their JSON instead.</summary>
    private static string Normal(IncidentEvent happened) => happened.ToJson();

    /// <summary>Migrated as released before the typed history, with one incident whose timeline holds every kind of old entry.</summary>
    private static async Task CreateDatabaseBeforeHistoryAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var db = new DisputesDbContext(DatabaseProviderExtensions.CreateOptions(DatabaseProvider.Sqlite, $"Data Source={path}"));
        await db.GetService<IMigrator>().MigrateAsync("PlaybookVersions");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Organisations (Id, Code, Name, NameEn, Kind) VALUES (9001, 'OLD', '旧镇总工会', 'Old Town Union', 'TownUnion');
            INSERT INTO Enterprises (Id, Name, CreditCode, TownId, Address, Industry, Ownership, Headcount, LegalRepresentative, Contact)
                VALUES (9001, '旧厂', '91320583093Y7LLJ4T', 9001, '', '', 'Domestic', 0, '', '');
            INSERT INTO Incidents (Id, Number, TownId, Year, Sequence, Type, Grade, SuggestedGrade, EnterpriseId, Location, WorkersInvolved, MonthsInArrears,
                Facts, Description, Stage, ReportedAtUtc, ReportedByUserId, Closure_Outcome, Closure_Referrals, Closure_LessonsLearned, Closure_FollowUpDate,
                ConcurrencyToken, LastChangedAtUtc, LastChangedBy, WagesOwedFen)
                VALUES (9001, 'ZP-2026-0001', 9001, 2026, 1, 'WageArrears', 'II', 'III', 9001, '厂区', 40, 3, 0, '欠薪', 'Closed', '2026-03-10 02:00:00', 'u1',
                '工资已全额支付', '', '', '2026-04-09', '00000000-0000-0000-0000-000000000001', '2026-03-10 02:00:00', '王海涛', 20000000);
            """);
        var at = new DateTime(2026, 3, 10, 2, 0, 0, DateTimeKind.Utc);
        foreach (var (row, index) in Rows.Select((row, index) => (row, index)))
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO TimelineEntries (Id, Kind, AtUtc, ActorUserId, ActorName, Text, IncidentId)
                VALUES ({Guid.CreateVersion7()}, {row.Kind}, {at.AddMinutes(index)}, 'u1', '王海涛', {row.Text}, 9001)
                """);
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO TimelineEntries (Id, Kind, AtUtc, ActorUserId, ActorName, Text, IncidentId)
            VALUES ({Guid.CreateVersion7()}, 'DetailsChanged', {at.AddHours(5)}, 'u1', '王海涛', 'facts: None → RoadBlocking', 9001)
            """);
    }
}

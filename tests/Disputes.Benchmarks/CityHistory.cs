using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Disputes.Data;
using Disputes.Data.Protection;
using Disputes.Domain;
using Disputes.Domain.Enterprises;
using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Playbooks;
using Disputes.Domain.Workers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Benchmarks;

/// <param name="Historical">Incidents logged over the past <paramref name="Years"/> and closed (a few cancelled).</param>
/// <param name="Open">Incidents logged in the last three weeks and still open at <c>now</c>.</param>
public sealed record CityHistoryOptions(int Historical = 100_000, int Open = 2_000, int Years = 3, int Seed = 20261201);

/// <param name="Writing">Of <paramref name="Elapsed"/>, the time spent writing rows (the rest is the domain living the incidents' lives).</param>
public sealed record CityHistoryReport(int Incidents, int Open, long Rows, TimeSpan Elapsed, TimeSpan Writing);

/// <summary>
/// A city's years of history, for the benchmarks (monitoring, exports, the bulletin) and the wall's screenshots: the
/// demo city's towns, departments and users, a registry of enterprises per town, and incidents that lived their lives
/// through the domain itself — logged, on scene, reported, departments engaged and acknowledging, progress notes, the
/// ladder climbing on every step left overdue (with notifications, read or not), workers' claims and recoveries from
/// each source, resolution, closure and the follow-up visit — at times drawn from plausible spreads. Each incident is
/// built by the aggregate's own methods, so its steps, events and numbering are what the app would have written; the
/// rows then go to SQLite in bulk, because a hundred thousand incidents through EF Core's change tracker would take
/// many minutes. SQLite only (the embedded default the benchmarks run on). The database must be migrated and seeded.
/// </summary>
public static class CityHistory
{
    private const int Chunk = 2_000;
    private const string SqliteDateTime = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    private static readonly IncidentType[] Types =
    [
        IncidentType.WageArrears, IncidentType.WageArrears, IncidentType.WageArrears, IncidentType.AbscondingOwner, IncidentType.AbscondingOwner,
        IncidentType.Closure, IncidentType.Closure, IncidentType.CollectivePayDispute, IncidentType.WorkStoppage, IncidentType.MassLayoff,
        IncidentType.SocialInsurance, IncidentType.Other,
    ];

    private static readonly RecoverySource[] Sources =
    [
        RecoverySource.Employer, RecoverySource.Employer, RecoverySource.Employer, RecoverySource.Employer, RecoverySource.Employer,
        RecoverySource.WageGuaranteeFund, RecoverySource.WageGuaranteeFund, RecoverySource.WageGuaranteeFund,
        RecoverySource.AssetDisposal, RecoverySource.CourtEnforcement,
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "朱", "马", "胡", "郭"];

    public static async Task<CityHistoryReport> SeedAsync(IDbContextFactory<DisputesDbContext> factory, DateTime nowUtc, CityHistoryOptions options,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var city = await City.ReadAsync(factory, options.Seed, cancellationToken);
        var random = new Random(options.Seed);
        var start = nowUtc.AddDays(-365.25 * options.Years);
        var logged = Enumerable.Range(0, options.Historical).Select(_ => (At: start + (nowUtc.AddDays(-21) - start) * random.NextDouble(), Open: false))
            .Concat(Enumerable.Range(0, options.Open).Select(_ => (At: nowUtc.AddDays(-21 * Math.Pow(random.NextDouble(), 1.6)).AddMinutes(-5), Open: true)))
            .OrderBy(x => x.At)
            .ToList();

        string connectionString;
        IPersonalDataCipher cipher;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            connectionString = db.Database.GetConnectionString()!;
            // The workers' ID numbers and phones are written as the app writes them: encrypted, the ID number's hash beside it.
            cipher = db.PersonalData;
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        // A bulk load into a file nobody else writes meanwhile: a crash would only lose the seed, so no waiting on the disk;
        // and the tables' indexes are built once at the end, from sorted rows, rather than kept up row by row.
        await Execute(connection, null, "PRAGMA synchronous = OFF");

        // Rows go out table by table in batches, so a step may reach the file before its incident: the keys are checked once,
        // at the end, rather than row by row (checking a late parent against its children would need the indexes dropped here).
        await Execute(connection, null, "PRAGMA foreign_keys = OFF");
        var indexes = new List<(string Name, string Sql)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN " +
                "('Incidents', 'PlanSteps', 'Engagements', 'TimelineEntries', 'WorkerClaims', 'Recoveries', 'Escalations', 'Notifications')";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await Execute(connection, null, $"DROP INDEX \"{name}\"");
        }

        var nextId = (int)(long)(await Scalar(connection, "SELECT coalesce(max(Id), 0) FROM Incidents"))! + 1;
        // Numbers are handed out in the order incidents were logged, as the app does; each incident then lives on its own
        // random stream, so the history is the same however the work is split: the next chunk is lived while this one is written.
        var counters = new Dictionary<(int Town, int Year), int>();
        var planned = logged.Select((x, n) =>
        {
            var town = city.Towns[random.Next(city.Towns.Count)];
            var year = ChinaTime.FromUtc(x.At).Year;
            var sequence = counters[(town.Id, year)] = counters.GetValueOrDefault((town.Id, year)) + 1;
            return (Id: nextId + n, Town: town, Number: new IncidentNumber(town.Code, year, sequence), x.At, x.Open, Seed: options.Seed + n);
        }).ToList();
        List<Simulated> Live(IEnumerable<(int Id, Organisation Town, IncidentNumber Number, DateTime At, bool Open, int Seed)> chunk) =>
            chunk.Select(p => Simulate(city, new Random(p.Seed), p.Number, p.Id, p.Town, p.At, p.Open, nowUtc)).ToList();

        long rows = 0;
        var writing = new Stopwatch();
        var chunks = planned.Chunk(Chunk).ToList();
        var next = Task.Run(() => Live(chunks[0]));
        for (var c = 0; c < chunks.Count; c++)
        {
            var incidents = await next;
            var following = c + 1 < chunks.Count ? chunks[c + 1] : null;
            next = following is null ? Task.FromResult(new List<Simulated>()) : Task.Run(() => Live(following));
            writing.Start();
            rows += await WriteAsync(connection, cipher, incidents, cancellationToken);
            writing.Stop();
        }

        await using (var transaction = connection.BeginTransaction())
        {
            foreach (var ((town, year), last) in counters)
            {
                await Execute(connection, transaction,
                    "INSERT INTO IncidentNumberCounters (TownId, Year, Last) VALUES ($t, $y, $l) ON CONFLICT (TownId, Year) DO UPDATE SET Last = max(Last, excluded.Last)",
                    ("$t", town), ("$y", year), ("$l", last));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        writing.Start();
        foreach (var (_, sql) in indexes)
        {
            await Execute(connection, null, sql);
        }

        writing.Stop();

        if (await Scalar(connection, "SELECT count(*) FROM pragma_foreign_key_check") is long broken and > 0)
        {
            throw new InvalidOperationException($"The history broke {broken} foreign keys.");
        }

        await Execute(connection, null, "PRAGMA foreign_keys = ON");
        await Execute(connection, null, "ANALYZE");
        var stillOpen = (int)(long)(await Scalar(connection, "SELECT count(*) FROM Incidents WHERE Stage NOT IN ('Closed', 'Cancelled')"))!;
        return new CityHistoryReport(logged.Count, stillOpen, rows, clock.Elapsed, writing.Elapsed);
    }

    /// <summary>The reference data the history is built on, and a registry of enterprises per town (added here).</summary>
    private sealed class City
    {
        public required Playbook Playbook { get; init; }
        public required IReadOnlyList<Organisation> Towns { get; init; }
        public required IReadOnlyDictionary<int, IReadOnlyList<Enterprise>> Enterprises { get; init; }
        public required IReadOnlyDictionary<(int Town, DepartmentKind Department), int> Offices { get; init; }
        public required (string Id, string Name) Duty { get; init; }
        public required (string Id, string Name) Leader { get; init; }
        public required IReadOnlyDictionary<int, ((string Id, string Name) Officer, (string Id, string Name) Chair)> TownUsers { get; init; }

        public static async Task<City> ReadAsync(IDbContextFactory<DisputesDbContext> factory, int seed, CancellationToken cancellationToken)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var organisations = await db.Organisations.AsNoTracking().ToListAsync(cancellationToken);
            var towns = organisations.Where(o => o.Kind == OrganisationKind.TownUnion).OrderBy(o => o.Id).ToList();
            var random = new Random(seed);
            var industries = new[] { "电子元件", "塑料制品", "纺织服装", "机械制造", "建筑施工", "物流仓储", "餐饮服务", "精密模具" };
            foreach (var town in towns)
            {
                for (var n = 1; n <= 60; n++)
                {
                    var body = random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
                    var first17 = "91320583" + body + CreditCode.OrganisationCheckCharacter(body);
                    var code = CreditCode.Parse(first17 + CreditCode.CheckCharacter(first17));
                    if (await db.Enterprises.AnyAsync(e => e.CreditCode == code, cancellationToken) || db.ChangeTracker.Entries<Enterprise>().Any(e => e.Entity.CreditCode == code))
                    {
                        continue;
                    }

                    var industry = industries[random.Next(industries.Length)];
                    db.Enterprises.Add(new Enterprise($"昆山{town.Name[..2]}{industry}{n:00}有限公司", code, town.Id, $"{town.Name[..2]}工业区{n}号", industry,
                        random.Next(6) == 0 ? Ownership.HongKongMacaoTaiwan : Ownership.Domestic, random.Next(20, 2_000), "某某", "办公室 0512-5700" + n.ToString("0000", CultureInfo.InvariantCulture)));
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            var enterprises = await db.Enterprises.AsNoTracking().ToListAsync(cancellationToken);
            var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName, u.DisplayName, u.OrganisationId }).ToListAsync(cancellationToken);
            (string, string) User(string name) => users.Where(u => u.UserName == name).Select(u => (u.Id, u.DisplayName)).Single();
            var offices = new Dictionary<(int, DepartmentKind), int>();
            foreach (var town in towns)
            {
                foreach (var department in Enum.GetValues<DepartmentKind>())
                {
                    offices[(town.Id, department)] = organisations.FirstOrDefault(o => o.Kind == OrganisationKind.DepartmentBranch && o.TownId == town.Id && o.Department == department)?.Id
                        ?? organisations.Single(o => o.Kind == OrganisationKind.Department && o.Department == department).Id;
                }
            }

            var zhangpu = towns.Single(t => t.Code == "ZP").Id;
            return new City
            {
                Playbook = await db.Playbooks.AsNoTracking().SingleAsync(cancellationToken),
                Towns = towns,
                Enterprises = towns.ToDictionary(t => t.Id, t => (IReadOnlyList<Enterprise>)enterprises.Where(e => e.TownId == t.Id).ToList()),
                Offices = offices,
                Duty = User("duty"),
                Leader = User("leader"),
                // Only Zhangpu has demo accounts: elsewhere the first rung tells nobody in the app, as when a town has no users yet.
                TownUsers = new Dictionary<int, ((string, string), (string, string))> { [zhangpu] = (User("zp.officer"), User("zp.chair")) },
            };
        }
    }

    /// <summary>An incident after its life, with the id it is written under and the escalation ledger it produced.</summary>
    private sealed record Simulated(int Id, Incident Incident, List<EscalationRecord> Escalations, List<Notification> Notifications);

    /// <summary>
    /// One incident's life, in time order: before each act, the ladder climbs on whatever fell due meanwhile (the sweep), so
    /// the timeline's numbering follows the clock. An open incident stops at <paramref name="nowUtc"/>.
    /// </summary>
    private static Simulated Simulate(City city, Random random, IncidentNumber number, int id, Organisation town, DateTime loggedAt, bool open, DateTime nowUtc)
    {
        var playbook = city.Playbook;
        var users = city.TownUsers.GetValueOrDefault(town.Id);
        var officer = new Actor(users.Officer.Id ?? $"bench-{town.Code}-officer", users.Officer.Name ?? $"{town.Name[..2]}值班干部",
            new HashSet<string> { Roles.TownOfficer }, town.Id, OrganisationKind.TownUnion, town.Id, null);
        var chair = new Actor(users.Chair.Id ?? $"bench-{town.Code}-chair", users.Chair.Name ?? $"{town.Name[..2]}工会主席",
            new HashSet<string> { Roles.TownChair }, town.Id, OrganisationKind.TownUnion, town.Id, null);
        var enterprises = city.Enterprises[town.Id];
        var enterprise = enterprises[random.Next(enterprises.Count)];
        var type = Types[random.Next(Types.Length)];
        var workers = (int)Math.Clamp(Math.Exp(random.NextDouble() * 5.5 + 1.5), 3, 1_200);
        var months = random.Next(1, 7);
        var wages = Money.FromYuan(Math.Round((decimal)(workers * months * (4_000 + random.Next(3_000))), 0));
        var facts = random.Next(25) == 0 ? AggravatingFacts.RoadBlocking : random.Next(60) == 0 ? AggravatingFacts.GatheringAtCityGovernment : AggravatingFacts.None;
        var report = new IncidentReport(enterprise.Id, enterprise.Ownership, type, workers, wages, months, enterprise.Address, facts, "职工反映企业拖欠工资，要求尽快解决。");
        var incident = Incident.Log(number, town.Id, report, officer, playbook, loggedAt);
        var escalations = new List<EscalationRecord>();
        var notifications = new List<Notification>();
        var fast = incident.Grade.Band() == GradeBand.Major;
        // Nothing happens after now; a closed incident's last acts are kept an hour short of it.
        var horizon = nowUtc;
        var at = loggedAt;

        void Tell(EscalationRecord record, IEnumerable<(string Id, string Name)> people, DateTime when)
        {
            foreach (var person in people)
            {
                var notification = new Notification(record.Id, person.Id, NotificationChannel.InApp, when);
                // Mostly read within the hour; some of the last day's still wait on the duty room's screen.
                var read = when.AddMinutes(2 + random.NextDouble() * 90);
                if (read < nowUtc && random.Next(open && nowUtc - when < TimeSpan.FromDays(1) ? 3 : 20) != 0)
                {
                    notification.MarkRead(read);
                }

                notifications.Add(notification);
            }
        }

        void Escalate(DateTime until)
        {
            foreach (var step in incident.Steps.Where(EscalationLadder.IsWatched).ToList())
            {
                var fired = escalations.Where(e => e.StepId == step.Id).Select(e => e.Level).ToHashSet();
                foreach (var level in EscalationLadder.DueLevels(step, fired, playbook, until))
                {
                    var due = EscalationLadder.DueAt(step, level, playbook);
                    var when = due.AddSeconds(random.Next(1, 40)) is var late && late <= until ? late : due;
                    var record = EscalationRecord.ForStep(id, step.Id, level, due, when);
                    (string Id, string Name)[] people = level switch
                    {
                        EscalationLadder.StepOwner when users.Officer.Id is not null && step.OwnerOrganisationId == town.Id => [users.Officer, users.Chair],
                        EscalationLadder.StepOwner when users.Chair.Id is not null => [users.Chair],
                        EscalationLadder.StepOwner => [],
                        EscalationLadder.DutyOfficer => [city.Duty],
                        _ => [city.Leader],
                    };
                    escalations.Add(record);
                    incident.RecordEscalation(level, step, people.Select(p => p.Name).ToList(), when);
                    Tell(record, people, when);
                }
            }
        }

        // Each act happens after the one before, at a delay drawn around its median; past the horizon the incident stops.
        bool Then(double medianMinutes, Action<DateTime> act, double spread = 0.8)
        {
            var next = at.AddMinutes(medianMinutes * Math.Exp(spread * Normal(random)));
            if (next >= horizon)
            {
                return false;
            }

            Escalate(next);
            at = next;
            act(at);
            return true;
        }

        if (EscalationLadder.AlertsCityLeaders(incident.Grade))
        {
            var alert = EscalationRecord.ForMajorIncident(id, loggedAt);
            escalations.Add(alert);
            incident.RecordEscalation(EscalationLadder.CityLeaders, null, [city.Leader.Name], loggedAt);
            Tell(alert, [city.Leader], loggedAt);
        }

        var cancelled = !open && random.Next(40) == 0;
        var alive = Then(fast ? 18 : 35, t => incident.ConfirmArrival(officer, t, t))
            && Then(8, t => incident.ReportUpward(officer, "已电话报告市总工会", t))
            && Then(15, t =>
            {
                foreach (var department in playbook.RequiredFor(type))
                {
                    incident.EngageDepartment(officer, department, city.Offices[(town.Id, department)], playbook, t);
                }
            });
        if (cancelled && alive)
        {
            Then(60, t => incident.Cancel(chair, "重复登记", t));
            return new Simulated(id, incident, escalations, notifications);
        }

        // Each department answers on its own clock, counted from its engagement.
        var engagedAt = at;
        foreach (var (engagement, when) in incident.Engagements
                     .Select(e => (Engagement: e, At: engagedAt.AddMinutes((fast ? 12 : 45) * Math.Exp(Normal(random)))))
                     .OrderBy(e => e.At).ToList())
        {
            var liaison = new Actor($"bench-liaison-{engagement.OrganisationId}", "联络员", new HashSet<string> { Roles.DepartmentLiaison }, engagement.OrganisationId,
                OrganisationKind.DepartmentBranch, town.Id, engagement.Department);
            if (!alive || when >= horizon)
            {
                alive = false;
                break;
            }

            Escalate(when);
            at = when;
            incident.Acknowledge(liaison, engagement.Id, at);
        }

        alive = alive && Then(50, t => incident.SubmitWrittenReport(officer, "书面报告：企业欠薪情况及处置进展。", t));
        var claims = Math.Min(workers, random.Next(1, 4));
        alive = alive && Then(120, t => incident.ImportWorkers(officer, Enumerable.Range(0, claims).Select(n =>
            new WorkerClaim($"{Surnames[random.Next(Surnames.Length)]}某{n + 1}", IdNumber(random), "139" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
                new Money(wages.Fen / claims))).ToList(), t));

        // Progress notes while the town works on it, each on time or a little late; then resolution, recovery, closure.
        var resolveAfterDays = (fast ? 3 : 6) * Math.Exp(0.7 * Normal(random));
        var resolveAt = at.AddDays(resolveAfterDays);
        if (open && resolveAt < nowUtc && random.Next(5) != 0)
        {
            resolveAt = nowUtc.AddDays(1 + random.NextDouble() * 10);
        }

        if (!open && resolveAt > nowUtc.AddDays(-4))
        {
            resolveAt = nowUtc.AddDays(-4 - 3 * random.NextDouble());
        }

        var interval = playbook.DurationOf(PlanStepKind.ProgressUpdate, incident.Grade.Band()).TotalMinutes;
        // Each note is due an interval after the one before; most come a little early, a few late.
        bool NotesUntil(DateTime until)
        {
            while (incident.OpenStep(PlanStepKind.ProgressUpdate) is { } due)
            {
                var next = due.StartsAtUtc.AddMinutes(interval * 0.85 * Math.Exp(0.12 * Normal(random)));
                next = next > at ? next : at.AddMinutes(1);
                if (next >= until)
                {
                    return true;
                }

                if (next >= horizon)
                {
                    return false;
                }

                Escalate(next);
                at = next;
                incident.AddProgressNote(officer, "继续协调，企业表示筹款中。", playbook, at);
            }

            return true;
        }

        alive = alive && Then(600, t => incident.Move(officer, IncidentAction.BeginResolving, t));
        if (open && alive && random.Next(50) == 0 && incident.OpenStep(PlanStepKind.Resolve) is { } waiting)
        {
            Then(30, t => incident.PauseStep(chair, waiting.Id, "等待法院裁定", t));
        }

        // Wages come back in instalments between now and the resolution, from the sources in their usual shares.
        var recovered = open ? 0.3 * random.NextDouble() : 0.4 + 0.6 * random.NextDouble();
        var until = resolveAt < horizon ? resolveAt : horizon;
        var instalments = incident.Workers
            .Where(_ => random.Next(open ? 3 : 1) == 0)
            .Select(w => (Worker: w, Share: new Money((long)(w.AmountOwed.Fen * recovered)), At: at + (until - at) * random.NextDouble()))
            .Where(r => r.Share.Fen > 0 && r.At > at)
            .OrderBy(r => r.At)
            .ToList();
        foreach (var (worker, share, when) in instalments)
        {
            if (!(alive = alive && NotesUntil(when)))
            {
                break;
            }

            Escalate(when);
            at = when > at ? when : at;
            incident.RecordRecovery(officer, worker.Id, share, Sources[random.Next(Sources.Length)], string.Empty, at);
        }

        alive = alive && NotesUntil(resolveAt);
        if (alive && resolveAt < horizon)
        {
            at = resolveAt > at ? resolveAt : at.AddMinutes(30);
            Escalate(at);
            incident.Move(chair, IncidentAction.Resolve, at);
            if (!open)
            {
                var closeAt = at.AddDays(2 * Math.Exp(0.5 * Normal(random)));
                closeAt = closeAt < nowUtc.AddHours(-1) ? closeAt : nowUtc.AddHours(-1 - random.NextDouble());
                NotesUntil(closeAt);
                at = closeAt > at ? closeAt : at.AddMinutes(10);
                Escalate(at);
                var followUp = DateOnly.FromDateTime(ChinaTime.FromUtc(at)).AddDays(30);
                var stated = incident.Workers.Aggregate(Money.Zero, (sum, w) => sum + w.Recovered);
                incident.Close(chair, new Closure("已协调企业支付欠薪，职工情绪稳定。", string.Empty, "及早介入，联动处置。", followUp, stated), at);

                // The visit is made around its day; one not yet due stays open, as it would.
                var visitAt = ChinaTime.StartOfDayUtc(followUp).AddHours(2 + 8 * random.NextDouble() - 24 * random.Next(3));
                if (visitAt < nowUtc)
                {
                    Escalate(visitAt);
                    at = visitAt;
                    incident.CompleteFollowUp(chair, true, true, "回访：工资已到位，职工已安置。", at);
                }
            }
        }

        Escalate(open ? nowUtc : at);
        return new Simulated(id, incident, escalations, notifications);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static ResidentIdNumber IdNumber(Random random)
    {
        var born = new DateOnly(1965, 1, 1).AddDays(random.Next(365 * 38));
        var first17 = "320583" + born.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + random.Next(100, 999).ToString(CultureInfo.InvariantCulture);
        return ResidentIdNumber.Parse(first17 + ResidentIdNumber.CheckCharacter(first17));
    }

    /// <summary>The rows EF Core would have written for these incidents, in its formats (text instants, upper-case GUIDs, enums by name).</summary>
    private static async Task<long> WriteAsync(SqliteConnection connection, IPersonalDataCipher cipher, IReadOnlyList<Simulated> incidents,
        CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction();
        var table = new Dictionary<string, Insert>();
        Insert Into(string name, params string[] columns) => table.TryGetValue(name, out var insert) ? insert : table[name] = new Insert(connection, transaction, name, columns);
        long rows = 0;
        foreach (var (id, incident, escalations, notifications) in incidents)
        {
            var closure = incident.Closure;
            Into("Incidents", "Id", "Number", "TownId", "Year", "Sequence", "Type", "Grade", "SuggestedGrade", "EnterpriseId", "Location", "WorkersInvolved",
                    "MonthsInArrears", "Facts", "Description", "Stage", "CancelReason", "ReportedAtUtc", "SubmissionId", "ReportedByUserId", "ArrivedOnSceneAtUtc",
                    "Closure_Outcome", "Closure_Referrals", "Closure_LessonsLearned", "Closure_FollowUpDate", "ClosedAtUtc", "ConcurrencyToken", "LastChangedAtUtc",
                    "LastChangedBy", "WagesOwedFen", "Closure_RecoveredFen", "LastSequence", "PlaybookVersion")
                .Add(id, incident.Number, incident.TownId, incident.Year, incident.Sequence, incident.Type, incident.Grade, incident.SuggestedGrade,
                    incident.EnterpriseId, incident.Location, incident.WorkersInvolved, incident.MonthsInArrears, (int)incident.Facts, incident.Description,
                    incident.Stage, incident.CancelReason, incident.ReportedAtUtc, null, incident.ReportedByUserId, incident.ArrivedOnSceneAtUtc,
                    closure?.Outcome, closure?.Referrals, closure?.LessonsLearned, closure?.FollowUpDate, incident.ClosedAtUtc, incident.ConcurrencyToken,
                    incident.LastChangedAtUtc, incident.LastChangedBy, incident.WagesOwed.Fen, closure?.Recovered.Fen, incident.LastSequence, incident.PlaybookVersion);
            foreach (var step in incident.Steps)
            {
                Into("PlanSteps", "Id", "Kind", "Department", "Sequence", "OwnerOrganisationId", "OwnerRole", "StartsAtUtc", "DueAtUtc", "CompletedAtUtc",
                        "CompletedBy", "CancelledAtUtc", "PausedSinceUtc", "IncidentId", "Pauses", "TaskId")
                    .Add(step.Id, step.Kind, step.Department, step.Sequence, step.OwnerOrganisationId, step.OwnerRole, step.StartsAtUtc, step.DueAtUtc,
                        step.CompletedAtUtc, step.CompletedBy, step.CancelledAtUtc, step.PausedSinceUtc, id, JsonSerializer.Serialize(step.Pauses), step.TaskId);
            }

            foreach (var engagement in incident.Engagements)
            {
                Into("Engagements", "Id", "Department", "OrganisationId", "EngagedAtUtc", "EngagedBy", "AcknowledgedAtUtc", "AcknowledgedBy", "IncidentId", "Tasks")
                    .Add(engagement.Id, engagement.Department, engagement.OrganisationId, engagement.EngagedAtUtc, engagement.EngagedBy,
                        engagement.AcknowledgedAtUtc, engagement.AcknowledgedBy, id, JsonSerializer.Serialize(engagement.Tasks));
            }

            foreach (var entry in incident.Timeline)
            {
                Into("TimelineEntries", "Id", "Kind", "AtUtc", "ActorUserId", "ActorName", "IncidentId", "Payload", "Sequence")
                    .Add(entry.Id, entry.Kind, entry.AtUtc, entry.ActorUserId, entry.ActorName, id, entry.Payload, entry.Sequence);
            }

            foreach (var worker in incident.Workers)
            {
                Into("WorkerClaims", "Id", "Name", "IdNumber", "IdNumberHash", "Phone", "IncidentId", "AmountOwedFen")
                    .Add(worker.Id, worker.Name, cipher.Protect(PersonalDataPurpose.WorkerIdNumber, worker.IdNumber.Value),
                        cipher.Hash(PersonalDataPurpose.WorkerIdNumber, worker.IdNumber.Value), cipher.Protect(PersonalDataPurpose.WorkerPhone, worker.Phone),
                        id, worker.AmountOwed.Fen);
                foreach (var recovery in worker.Recoveries)
                {
                    Into("Recoveries", "Id", "Source", "RecordedAtUtc", "RecordedBy", "Note", "WorkerClaimId", "AmountFen")
                        .Add(recovery.Id, recovery.Source, recovery.RecordedAtUtc, recovery.RecordedBy, recovery.Note, worker.Id, recovery.Amount.Fen);
                }
            }

            foreach (var escalation in escalations)
            {
                Into("Escalations", "Id", "IncidentId", "StepId", "Level", "Reason", "DueAtUtc", "EscalatedAtUtc")
                    .Add(escalation.Id, id, escalation.StepId, escalation.Level, escalation.Reason, escalation.DueAtUtc, escalation.EscalatedAtUtc);
            }

            foreach (var notification in notifications)
            {
                Into("Notifications", "Id", "EscalationId", "UserId", "Channel", "CreatedAtUtc", "ReadAtUtc", "SentAtUtc", "Error")
                    .Add(notification.Id, notification.EscalationId, notification.UserId, notification.Channel, notification.CreatedAtUtc, notification.ReadAtUtc,
                        null, null);
            }
        }

        foreach (var insert in table.Values)
        {
            rows += insert.Rows;
            insert.Dispose();
        }

        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>Prepared INSERTs of many rows at a time (and one row, for the last few): a statement per row costs more than the row.</summary>
    private sealed class Insert : IDisposable
    {
        private const int Batch = 50;

        private readonly SqliteCommand _many;
        private readonly SqliteCommand _one;
        private readonly int _columns;
        private readonly List<object?[]> _pending = new(Batch);

        public Insert(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns)
        {
            _columns = columns.Length;
            _many = Prepare(connection, transaction, table, columns, Batch);
            _one = Prepare(connection, transaction, table, columns, 1);
        }

        public long Rows { get; private set; }

        public void Add(params object?[] values)
        {
            _pending.Add(values);
            Rows++;
            if (_pending.Count == Batch)
            {
                Run(_many, _pending);
                _pending.Clear();
            }
        }

        public void Dispose()
        {
            foreach (var row in _pending)
            {
                Run(_one, [row]);
            }

            _many.Dispose();
            _one.Dispose();
        }

        private void Run(SqliteCommand command, IReadOnlyList<object?[]> rows)
        {
            for (var r = 0; r < rows.Count; r++)
            {
                for (var c = 0; c < _columns; c++)
                {
                    var parameter = command.Parameters[r * _columns + c];
                    parameter.SqliteType = rows[r][c] is byte[] ? SqliteType.Blob : SqliteType.Text;
                    parameter.Value = rows[r][c] switch
                    {
                        null => DBNull.Value,
                        Guid g => g.ToString().ToUpperInvariant(),
                        DateTime d => d.ToString(SqliteDateTime, CultureInfo.InvariantCulture),
                        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        Enum e => e.ToString(),
                        var other => other,
                    };
                }
            }

            command.ExecuteNonQuery();
        }

        private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns, int rows)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", columns.Select((_, c) => $"$p{r * columns.Length + c}")) + ")");
            command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES {string.Join(", ", values)}";
            for (var i = 0; i < rows * columns.Length; i++)
            {
                command.Parameters.Add($"$p{i}", SqliteType.Text);
            }

            command.Prepare();
            return command;
        }
    }

    private static async Task<object?> Scalar(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}

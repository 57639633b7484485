using System.Globalization;
using System.Text;
using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Reports;
using Disputes.Domain.Workers;
using Disputes.Web.Components;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Reports;
using Disputes.Web.Hosting;
using Disputes.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Disputes.Web.Features.Bulletins;

/// <summary>
/// Drafts a bulletin for a period, in the editor's language: the summary paragraph from the period's figures, and a
/// paragraph per notable incident told from its history — the narrator's sentences, each dated and said of the organisation
/// that acted, as a bulletin speaks — and its closure. Everything is read through the audience rule.
/// </summary>
public sealed class BulletinComposer(IDbContextFactory<DisputesDbContext> dbFactory, IResponseTimes responseTimes, IncidentNarrator narrator,
    IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The incidents offered for a period, most severe first; a month of a city has far fewer worth telling.</summary>
    public const int MaxCandidates = 300;

    /// <summary>What a bulletin tells of an incident's history: the response, not its bookkeeping.</summary>
    private static readonly TimelineKind[] Kinds =
    [
        TimelineKind.Logged, TimelineKind.GradeChanged, TimelineKind.ArrivedOnScene, TimelineKind.ReportedUpward,
        TimelineKind.DepartmentEngaged, TimelineKind.EngagementAcknowledged, TimelineKind.TaskDone, TimelineKind.StageChanged,
        TimelineKind.Closed, TimelineKind.FollowUpCompleted,
    ];

    private const int NumbersPerQuery = 200;

    public async Task<BulletinDraft> ComposeAsync(Actor actor, string name, ReportPeriod period, CancellationToken cancellationToken = default)
    {
        var figures = await FiguresAsync(actor, period, cancellationToken);
        var (candidates, cut) = await CandidatesAsync(actor, period, cancellationToken);
        var notable = candidates.Where(c => c.Notable).ToList();
        var paragraphs = await ParagraphsAsync(actor, notable.Select(c => c.Number).ToList(), cancellationToken);
        foreach (var candidate in notable)
        {
            candidate.Paragraph = paragraphs.GetValueOrDefault(candidate.Number);
            candidate.Selected = candidate.Paragraph is not null;
        }

        return new BulletinDraft
        {
            Name = name,
            Period = period,
            Culture = CultureInfo.CurrentUICulture.Name,
            Figures = figures,
            Summary = new DraftParagraph(string.Empty, SummaryText(figures, period)),
            Candidates = candidates,
            CandidatesCut = cut,
        };
    }

    /// <summary>Chooses an incident by hand (or leaves it out); its paragraph is composed the first time.</summary>
    public async Task ChooseAsync(Actor actor, BulletinCandidate candidate, bool selected, CancellationToken cancellationToken = default)
    {
        if (selected && candidate.Paragraph is null)
        {
            candidate.Paragraph = (await ParagraphsAsync(actor, [candidate.Number], cancellationToken)).GetValueOrDefault(candidate.Number);
        }

        candidate.Selected = selected && candidate.Paragraph is not null;
    }

    public async Task<BulletinFigures> FiguresAsync(Actor actor, ReportPeriod period, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (start, end) = (period.StartUtc, period.EndUtc);
        var visible = db.Incidents.AsNoTracking().VisibleTo(actor);
        var logged = await visible.Where(i => i.ReportedAtUtc >= start && i.ReportedAtUtc < end && i.Stage != Stage.Cancelled)
            .GroupBy(i => i.Grade)
            .Select(g => new { Grade = g.Key, Count = g.Count(), Workers = g.Sum(i => i.WorkersInvolved), WagesFen = g.Sum(i => i.WagesOwed.Fen) })
            .ToListAsync(cancellationToken);
        var closed = await visible.Where(i => i.ClosedAtUtc >= start && i.ClosedAtUtc < end && i.Closure != null)
            .Select(i => i.Closure!.Recovered).ToListAsync(cancellationToken);
        var recovered = await visible.SelectMany(i => i.Workers).SelectMany(w => w.Recoveries)
            .Where(r => r.RecordedAtUtc >= start && r.RecordedAtUtc < end)
            .GroupBy(r => r.Source).Select(g => new { Source = g.Key, Fen = g.Sum(r => r.Amount.Fen) })
            .ToListAsync(cancellationToken);
        return new BulletinFigures(
            logged.Sum(g => g.Count),
            logged.Sum(g => g.Workers),
            new Money(logged.Sum(g => g.WagesFen)),
            logged.ToDictionary(g => g.Grade, g => g.Count),
            closed.Count,
            closed.Aggregate(Money.Zero, (total, m) => total + m),
            recovered.ToDictionary(r => r.Source, r => new Money(r.Fen)),
            await responseTimes.ByTownAsync(actor, period, cancellationToken));
    }

    private async Task<(IReadOnlyList<BulletinCandidate> Candidates, bool Cut)> CandidatesAsync(Actor actor, ReportPeriod period, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (start, end) = (period.StartUtc, period.EndUtc);
        var rows = await (from i in db.Incidents.AsNoTracking().VisibleTo(actor)
                          where i.Stage != Stage.Cancelled
                                && ((i.ReportedAtUtc >= start && i.ReportedAtUtc < end) || (i.ClosedAtUtc >= start && i.ClosedAtUtc < end))
                          join e in db.Enterprises on i.EnterpriseId equals e.Id
                          join t in db.Organisations on i.TownId equals t.Id
                          // Grades are stored as text: the plan's order, not the alphabet's.
                          orderby (i.Grade == SeverityGrade.I ? 1 : i.Grade == SeverityGrade.II ? 2 : i.Grade == SeverityGrade.III ? 3 : 4), i.ReportedAtUtc, i.Id
                          select new BulletinCandidate
                          {
                              Number = i.Number,
                              Enterprise = e.Name,
                              Town = t.Name,
                              TownEn = t.NameEn,
                              Type = i.Type,
                              Grade = i.Grade,
                              Stage = i.Stage,
                              ReportedAtUtc = i.ReportedAtUtc,
                          })
            .Take(MaxCandidates + 1).ToListAsync(cancellationToken);
        return rows.Count > MaxCandidates ? (rows.Take(MaxCandidates).ToList(), true) : (rows, false);
    }

    private async Task<Dictionary<string, DraftParagraph>> ParagraphsAsync(Actor actor, IReadOnlyList<string> numbers, CancellationToken cancellationToken)
    {
        var paragraphs = new Dictionary<string, DraftParagraph>();
        var chinese = LocalizationHostingExtensions.IsChinese;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var chunk in numbers.Chunk(NumbersPerQuery))
        {
            var incidents = await (from i in db.Incidents.AsNoTracking().VisibleTo(actor)
                                   where chunk.Contains(i.Number)
                                   join e in db.Enterprises on i.EnterpriseId equals e.Id
                                   join t in db.Organisations on i.TownId equals t.Id
                                   select new Told(i.Id, i.Number, chinese ? t.Name : t.NameEn, e.Name, i.Type, i.Closure))
                .ToListAsync(cancellationToken);
            var ids = incidents.Select(i => i.Id).ToList();
            // The entries by incident alone, on the (incident, sequence) index; the kinds are picked here. Asked for in SQL too,
            // SQLite took the (kind, time) index instead and read every entry of the city.
            var timelines = (await db.TimelineEntries.AsNoTracking()
                    .Where(t => ids.Contains(EF.Property<int>(t, "IncidentId")))
                    .Select(t => new { IncidentId = EF.Property<int>(t, "IncidentId"), Entry = t })
                    .ToListAsync(cancellationToken))
                .Where(x => Kinds.Contains(x.Entry.Kind))
                .ToLookup(x => x.IncidentId, x => x.Entry);
            var userIds = timelines.SelectMany(t => t).Select(t => t.ActorUserId).Distinct().ToList();
            var organisationOf = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
                .Select(u => new { u.Id, u.Organisation!.Name, u.Organisation.NameEn })
                .ToDictionaryAsync(u => u.Id, u => chinese ? u.Name : u.NameEn, cancellationToken);
            foreach (var incident in incidents)
            {
                var heading = localizer["Bulletin.IncidentHeading", incident.Town, incident.Enterprise, localizer.Text(incident.Type)];
                paragraphs[incident.Number] = new DraftParagraph(heading, IncidentText(timelines[incident.Id], incident.Closure, organisationOf));
            }
        }

        return paragraphs;
    }

    private sealed record Told(int Id, string Number, string Town, string Enterprise, IncidentType Type, Closure? Closure);

    /// <summary>The incident's history in sentences, each dated and said of the organisation that acted; then the closure's referrals and lessons.</summary>
    private string IncidentText(IEnumerable<TimelineEntry> timeline, Closure? closure, IReadOnlyDictionary<string, string> organisationOf)
    {
        var text = new StringBuilder();
        foreach (var entry in timeline.OrderBy(t => t.Sequence))
        {
            if (entry.Event is IncidentEvent.StageChanged { To: not Stage.Resolved })
            {
                continue;
            }

            var who = organisationOf.GetValueOrDefault(entry.ActorUserId) ?? entry.ActorName;
            text.Append(localizer["Bulletin.Dated", Day(entry.AtUtc), IncidentNarrator.WithoutFullStop(narrator.Narrate(entry.Event, entry.IsBySystem ? null : who))]);
        }

        if (closure is not null)
        {
            if (closure.Referrals.Length > 0)
            {
                text.Append(localizer["Bulletin.Referrals", IncidentNarrator.WithoutFullStop(closure.Referrals)]);
            }

            if (closure.LessonsLearned.Length > 0)
            {
                text.Append(localizer["Bulletin.Lessons", IncidentNarrator.WithoutFullStop(closure.LessonsLearned)]);
            }
        }

        var paragraph = text.ToString().Trim();
        return paragraph.Length <= BulletinParagraph.TextMaxLength ? paragraph : paragraph[..(BulletinParagraph.TextMaxLength - 1)] + "…";
    }

    private string SummaryText(BulletinFigures figures, ReportPeriod period)
    {
        var separator = localizer["Narration.ListSeparator"].Value;
        var text = new StringBuilder(localizer["Bulletin.Summary.Period", Date(period.From), Date(period.To)]);
        if (figures.Incidents == 0)
        {
            text.Append(localizer["Bulletin.Summary.None"]);
        }
        else
        {
            text.Append(localizer["Bulletin.Summary.Logged", figures.Incidents, figures.Workers, Amount(figures.WagesOwed)]);
            text.Append(localizer["Bulletin.Summary.ByGrade", string.Join(separator, Enum.GetValues<SeverityGrade>()
                .Where(g => figures.ByGrade.GetValueOrDefault(g) > 0)
                .Select(g => localizer["Bulletin.Summary.GradeCount", localizer.ShortText(g), figures.ByGrade[g]].Value))]);
        }

        if (figures.Closed > 0)
        {
            text.Append(localizer["Bulletin.Summary.Closed", figures.Closed, Amount(figures.RecoveredAtClosure)]);
        }

        if (figures.RecoveredInLedger > Money.Zero)
        {
            text.Append(localizer["Bulletin.Summary.Ledger", Amount(figures.RecoveredInLedger), string.Join(separator, Enum.GetValues<RecoverySource>()
                .Where(s => figures.RecoveredBySource.GetValueOrDefault(s) > Money.Zero)
                .Select(s => localizer["Bulletin.Summary.Source", localizer.Text(s), Amount(figures.RecoveredBySource[s])].Value))]);
        }

        if (figures.ResponseTimes.Arrive is { Measured: > 0, Median: { } arriveMedian, P90: { } arriveP90 })
        {
            text.Append(localizer["Bulletin.Summary.Arrive", Duration(arriveMedian), Duration(arriveP90)]);
        }

        if (figures.ResponseTimes.Report is { Measured: > 0, Median: { } reportMedian, P90: { } reportP90 })
        {
            text.Append(localizer["Bulletin.Summary.Report", Duration(reportMedian), Duration(reportP90)]);
        }

        return text.Append(localizer["Bulletin.Summary.End"]).ToString().Trim();
    }

    /// <summary>万元 in a Chinese bulletin, as the federation writes its figures; the exact amount in English.</summary>
    private string Amount(Money money) =>
        LocalizationHostingExtensions.IsChinese
            ? localizer["Bulletin.Wan", (money.Yuan / 10_000m).ToString("0.##", CultureInfo.InvariantCulture)]
            : money.ToString();

    private string Date(DateOnly day) => localizer["Bulletin.Date", day.Year, day.Month, day.Day];

    private string Day(DateTime utc)
    {
        var china = ChinaTime.FromUtc(utc);
        return localizer["Bulletin.Day", china.Month, china.Day];
    }

    private string Duration(TimeSpan duration) => localizer.Duration((int)Math.Ceiling(duration.TotalMinutes));
}

using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Incidents;

/// <summary>Everything the incident page shows, read in one go without tracking.</summary>
public sealed record IncidentView(
    Incident Incident,
    Enterprise Enterprise,
    string TownName,
    string TownNameEn,
    IReadOnlyDictionary<int, (string Name, string NameEn)> Offices)
{
    public Money Recovered { get; init; } = Money.Zero;

    /// <summary>The levels reached per step still watched.</summary>
    public IReadOnlyDictionary<Guid, int> Escalations { get; init; } = new Dictionary<Guid, int>();

    public int EscalationLevel => Escalations.Count == 0 ? 0 : Escalations.Values.Max();

    public string OfficeName(int id, bool chinese) =>
        Offices.TryGetValue(id, out var o) ? (chinese ? o.Name : o.NameEn) : id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<IncidentView?> LoadAsync(IDbContextFactory<DisputesDbContext> dbFactory, Actor actor, string number, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.AsNoTracking().VisibleTo(actor)
            .Include(i => i.Steps).Include(i => i.Engagements).Include(i => i.Timeline).Include(i => i.Attachments)
            .Include(i => i.Workers).ThenInclude(w => w.Recoveries)
            .AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Number == number, cancellationToken);
        if (incident is null)
        {
            return null;
        }

        var enterprise = await db.Enterprises.AsNoTracking().SingleAsync(e => e.Id == incident.EnterpriseId, cancellationToken);
        var ids = incident.Engagements.Select(e => e.OrganisationId).Append(incident.TownId).Concat(incident.Steps.Select(s => s.OwnerOrganisationId)).Distinct().ToList();
        var offices = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => (o.Name, o.NameEn), cancellationToken);
        var escalations = await db.EscalationsOfWatchedSteps().Where(e => e.IncidentId == incident.Id)
            .GroupBy(e => e.StepId!.Value).Select(g => new { StepId = g.Key, Level = g.Max(e => e.Level) })
            .ToDictionaryAsync(x => x.StepId, x => x.Level, cancellationToken);
        return new IncidentView(incident, enterprise, offices[incident.TownId].Name, offices[incident.TownId].NameEn, offices)
        {
            Escalations = escalations,
            Recovered = incident.Workers.Aggregate(Money.Zero, (total, w) => total + w.Recovered),
        };
    }
}

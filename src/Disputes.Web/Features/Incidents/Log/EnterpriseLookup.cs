using Disputes.Data;
using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Disputes.Web.Features.Enterprises;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Incidents.Log;

public sealed record EnterpriseOption(int Id, string Name, string CreditCode, string Address, Ownership Ownership);

/// <summary>The enterprises the log form may name, and whether one already has an open incident.</summary>
public sealed class EnterpriseLookup(IDbContextFactory<DisputesDbContext> dbFactory, Actor actor)
{
    public async Task<IEnumerable<EnterpriseOption>> SearchAsync(string text, CancellationToken cancellationToken)
    {
        var term = (text ?? string.Empty).Trim();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Enterprises(db);
        if (CreditCode.TryParse(term, out var code, out _))
        {
            query = query.Where(e => e.CreditCode == code);
        }
        else if (term.Length > 0)
        {
            query = query.Where(e => e.Name.Contains(term));
        }

        return await query.OrderBy(e => e.Name).Take(20)
            .Select(e => new EnterpriseOption(e.Id, e.Name, e.CreditCode.Value, e.Address, e.Ownership)).ToListAsync(cancellationToken);
    }

    public async Task<EnterpriseOption?> FindAsync(int id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await Enterprises(db).Where(e => e.Id == id)
            .Select(e => new EnterpriseOption(e.Id, e.Name, e.CreditCode.Value, e.Address, e.Ownership)).SingleOrDefaultAsync();
    }

    public async Task<string?> OpenIncidentOfAsync(int enterpriseId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Incidents.VisibleTo(actor)
            .Where(i => i.EnterpriseId == enterpriseId && i.Stage != Stage.Closed && i.Stage != Stage.Cancelled)
            .OrderByDescending(i => i.ReportedAtUtc).Select(i => i.Number).FirstOrDefaultAsync();
    }

    /// <summary>Town users pick from their own town's registry; the duty officer from the whole city's.</summary>
    private IQueryable<Enterprise> Enterprises(DisputesDbContext db) => EnterpriseQueries.VisibleTo(db.Enterprises.AsNoTracking(), actor);
}

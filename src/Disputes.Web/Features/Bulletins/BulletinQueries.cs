using Disputes.Data;
using Disputes.Domain.Organisations;
using Disputes.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Bulletins;

/// <summary>An organisation the editor may put on the 报 or 发 line.</summary>
public sealed record RecipientOption(int Id, string Name, string NameEn, OrganisationKind Kind)
{
    public string DisplayName(bool chinese) => chinese ? Name : NameEn;
}

/// <summary>Issued bulletins, newest first, and the directory's organisations for the footer.</summary>
public sealed class BulletinQueries(IDbContextFactory<DisputesDbContext> dbFactory)
{
    public async Task<IReadOnlyList<Bulletin>> IssuedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Bulletins.AsNoTracking().OrderByDescending(b => b.Year).ThenByDescending(b => b.Number).ToListAsync(cancellationToken);
    }

    public async Task<Bulletin?> FindAsync(int year, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Bulletins.AsNoTracking().SingleOrDefaultAsync(b => b.Year == year && b.Number == number, cancellationToken);
    }

    /// <summary>The directory's organisations of the given kinds, in the order of <see cref="Rank"/>.</summary>
    public async Task<IReadOnlyList<RecipientOption>> RecipientOptionsAsync(IReadOnlyList<OrganisationKind> kinds, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().Where(o => kinds.Contains(o.Kind))
            .Select(o => new RecipientOption(o.Id, o.Name, o.NameEn, o.Kind)).ToListAsync(cancellationToken);
        return organisations.OrderBy(o => Rank(o.Kind)).ThenBy(o => o.Id).ToList();
    }

    /// <summary>Superiors first, then towns, departments and branches, as the directory lists them.</summary>
    public static int Rank(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Superior => 0,
        OrganisationKind.TownUnion => 1,
        OrganisationKind.Department => 2,
        _ => 3,
    };
}

using System.Text.RegularExpressions;
using Disputes.Data;
using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Disputes.Web.Features.Board;
using Disputes.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Enterprises;

public sealed record EnterpriseRow(int Id, string Name, string CreditCode, string Town, string TownEn, string Industry, int Headcount)
{
    public string TownName(bool chinese) => chinese ? Town : TownEn;
}

public sealed record EnterpriseIncident(string Number, IncidentType Type, SeverityGrade Grade, Stage Stage, DateTime ReportedAtUtc);

public sealed record EnterpriseDetails(
    int Id,
    string Name,
    string CreditCode,
    string Town,
    string TownEn,
    string Address,
    string Industry,
    Ownership Ownership,
    int Headcount,
    string LegalRepresentative,
    string MaskedContact,
    IReadOnlyList<EnterpriseIncident> Incidents)
{
    public string TownName(bool chinese) => chinese ? Town : TownEn;
}

/// <summary>
/// The enterprise registry as each user may see it: a town officer or chair their own town's enterprises,
/// everyone else the whole city. An enterprise's incidents still pass through <see cref="IncidentQueries.VisibleTo"/>.
/// </summary>
public sealed partial class EnterpriseQueries(IDbContextFactory<DisputesDbContext> dbFactory)
{
    public const int MaxPageSize = 100;

    public async Task<(IReadOnlyList<EnterpriseRow> Rows, int Total)> ListAsync(Actor actor, string? search, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var enterprises = VisibleTo(db.Enterprises.AsNoTracking(), actor);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            // The code is stored through a converter, so it is matched whole; a name matches in part.
            enterprises = CreditCode.TryParse(text, out var code, out _)
                ? enterprises.Where(e => e.CreditCode == code || e.Name.Contains(text))
                : enterprises.Where(e => e.Name.Contains(text));
        }

        var total = await enterprises.CountAsync(cancellationToken);
        var rows = await (from e in enterprises
                          join t in db.Organisations on e.TownId equals t.Id
                          orderby e.Name, e.Id
                          select new { e.Id, e.Name, e.CreditCode, Town = t.Name, TownEn = t.NameEn, e.Industry, e.Headcount })
            .Skip(Paging.Offset(page, pageSize)).Take(pageSize)
            .ToListAsync(cancellationToken);
        return (rows.Select(r => new EnterpriseRow(r.Id, r.Name, r.CreditCode.Value, r.Town, r.TownEn, r.Industry, r.Headcount)).ToList(), total);
    }

    /// <returns>Null when there is no such enterprise or it is outside the user's town.</returns>
    public async Task<EnterpriseDetails?> DetailsAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await (from e in VisibleTo(db.Enterprises.AsNoTracking(), actor)
                           join t in db.Organisations on e.TownId equals t.Id
                           where e.Id == id
                           select new { Enterprise = e, Town = t.Name, TownEn = t.NameEn })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var incidents = await db.Incidents.AsNoTracking().VisibleTo(actor)
            .Where(i => i.EnterpriseId == id)
            .OrderByDescending(i => i.ReportedAtUtc)
            .Select(i => new EnterpriseIncident(i.Number, i.Type, i.Grade, i.Stage, i.ReportedAtUtc))
            .ToListAsync(cancellationToken);
        var enterprise = found.Enterprise;
        return new EnterpriseDetails(enterprise.Id, enterprise.Name, enterprise.CreditCode.Value, found.Town, found.TownEn, enterprise.Address,
            enterprise.Industry, enterprise.Ownership, enterprise.Headcount, enterprise.LegalRepresentative, MaskContact(enterprise.Contact), incidents);
    }

    public static IQueryable<Enterprise> VisibleTo(IQueryable<Enterprise> enterprises, Actor actor) =>
        actor.IsTownUser && !actor.SeesWholeCity
            ? enterprises.Where(e => e.TownId == actor.TownId)
            : enterprises;

    /// <summary>
    /// "郑某某 13812345678" → "郑某某 138****5678": every phone number in the contact keeps its first 3 and last 4
    /// digits; names and separators stay, so the contact is still recognisable.
    /// </summary>
    public static string MaskContact(string? contact) =>
        PhoneNumber().Replace(contact ?? string.Empty, match =>
        {
            var digits = match.Value.Count(char.IsAsciiDigit);
            if (digits < 8)
            {
                return match.Value;
            }

            var seen = 0;
            return string.Concat(match.Value.Select(c =>
            {
                if (!char.IsAsciiDigit(c))
                {
                    return c;
                }

                seen++;
                return seen <= 3 || seen > digits - 4 ? c : '*';
            }));
        });

    /// <summary>Digits possibly split by hyphens or spaces (0512-57451234, 138 1234 5678); fewer than 8 digits is not a phone.</summary>
    [GeneratedRegex(@"\d[\d\- ]{6,}\d")]
    private static partial Regex PhoneNumber();
}

public static class EnterprisesHostingExtensions
{
    public static IHostApplicationBuilder AddDisputesEnterprises(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EnterpriseQueries>();
        return builder;
    }
}

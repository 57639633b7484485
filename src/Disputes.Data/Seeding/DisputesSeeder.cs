using Disputes.Domain;
using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Playbooks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Disputes.Data.Seeding;

/// <summary>
/// Idempotent: each run adds what is missing and corrects reference names, and never touches what users
/// changed (a demo user's password, say).
/// </summary>
public sealed class DisputesSeeder(
    DisputesDbContext db,
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    TimeProvider clock,
    ILogger<DisputesSeeder> logger)
{
    public async Task SeedReferenceDataAsync(CancellationToken cancellationToken = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                Check(await roleManager.CreateAsync(new IdentityRole(role)), role);
            }
        }

        var existing = await db.Organisations.ToDictionaryAsync(o => o.Code, cancellationToken);

        Organisation Upsert(string code, string name, string nameEn, Func<Organisation> create)
        {
            if (existing.TryGetValue(code, out var organisation))
            {
                organisation.Rename(name, nameEn);
                return organisation;
            }

            organisation = create();
            db.Organisations.Add(organisation);
            existing[code] = organisation;
            return organisation;
        }

        var (fedCode, fedName, fedNameEn) = KunshanReferenceData.Federation;
        var federation = Upsert(fedCode, fedName, fedNameEn, () => Organisation.CityFederation(fedCode, fedName, fedNameEn));

        var towns = KunshanReferenceData.Towns.Select(t =>
        {
            var nameEn = KunshanReferenceData.TownUnionNameEn(t.PlaceEn);
            return (t.Code, t.Place, t.PlaceEn, Union: Upsert(t.Code, t.UnionName, nameEn, () => Organisation.TownUnion(t.Code, t.UnionName, nameEn, federation)));
        }).ToList();

        foreach (var d in KunshanReferenceData.Departments)
        {
            var department = Upsert(d.Code, d.Name, d.NameEn, () => Organisation.CityDepartment(d.Code, d.Name, d.NameEn, d.Kind));
            if (d.BranchName is null || d.BranchNameEn is null)
            {
                continue;
            }

            foreach (var town in towns)
            {
                var code = KunshanReferenceData.BranchCode(town.Code, d.Code);
                var name = string.Format(d.BranchName, town.Place);
                var nameEn = string.Format(d.BranchNameEn, town.PlaceEn);
                Upsert(code, name, nameEn, () => Organisation.Branch(code, name, nameEn, department, town.Union));
            }
        }

        foreach (var (code, name, nameEn) in KunshanReferenceData.Superiors)
        {
            Upsert(code, name, nameEn, () => Organisation.Superior(code, name, nameEn));
        }

        var playbook = await db.Playbooks.SingleOrDefaultAsync(cancellationToken);
        if (playbook is null)
        {
            playbook = Playbook.Default(clock.GetUtcNow().UtcDateTime);
            db.Playbooks.Add(playbook);
        }

        // A database from before versions were kept has its plan, as it stands, as version 1 and no row for it.
        if (!await db.PlaybookVersions.AnyAsync(cancellationToken))
        {
            db.PlaybookVersions.Add(PlaybookVersion.Of(playbook));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SeedDemoDataAsync(CancellationToken cancellationToken = default)
    {
        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Code, o => o.Id, cancellationToken);

        var knownCodes = (await db.Enterprises.Select(e => e.CreditCode).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var e in DemoData.Enterprises)
        {
            var code = CreditCode.Parse(e.CreditCode);
            if (!knownCodes.Contains(code))
            {
                db.Enterprises.Add(new Enterprise(e.Name, code, organisations[e.TownCode], e.Address, e.Industry,
                    e.Ownership, e.Headcount, e.LegalRepresentative, e.Contact));
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        foreach (var u in DemoData.Users)
        {
            var user = await userManager.FindByNameAsync(u.UserName);
            if (user is null)
            {
                user = new AppUser
                {
                    UserName = u.UserName,
                    DisplayName = u.DisplayName,
                    OrganisationId = organisations[u.OrganisationCode],
                    LockoutEnabled = true,
                };
                Check(await userManager.CreateAsync(user, DemoData.Password), u.UserName);
                logger.LogInformation("Seeded demo user {UserName} ({Role})", u.UserName, u.Role);
            }

            if (!await userManager.IsInRoleAsync(user, u.Role))
            {
                Check(await userManager.AddToRoleAsync(user, u.Role), u.UserName);
            }
        }
    }

    /// <summary>The bulletin's incidents, once: skipped when any incident exists already.</summary>
    public async Task SeedDemoIncidentsAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Incidents.AnyAsync(cancellationToken))
        {
            return;
        }

        var actor = await db.ForUserNameAsync("zp.officer", cancellationToken);
        var town = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == actor.TownId, cancellationToken);
        var playbook = await db.Playbooks.AsNoTracking().SingleAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // Numbered in this year's sequence, as if logged today (a demo seeded on 1 January stays in one year).
        var year = ChinaTime.FromUtc(now).Year;
        var sequence = 0;
        foreach (var demo in DemoData.Incidents.OrderByDescending(i => i.HoursAgo))
        {
            var enterprise = await db.Enterprises.AsNoTracking().SingleAsync(e => e.Name == demo.Enterprise, cancellationToken);
            var report = new IncidentReport(enterprise.Id, enterprise.Ownership, demo.Type, demo.Workers, Money.FromYuan(demo.WagesYuan),
                demo.Months, enterprise.Address, demo.Facts, demo.Description);
            db.Incidents.Add(Incident.Log(new IncidentNumber(town.Code, year, ++sequence), town.Id, report, actor, playbook, now.AddHours(-demo.HoursAgo)));
        }

        db.IncidentNumberCounters.Add(new IncidentNumberCounter { TownId = town.Id, Year = year, Last = sequence });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {what} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

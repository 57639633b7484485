using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Bulletins;

/// <summary>签发: the bulletin as the editor left it, with the directory's organisations for the 报 and 发 lines.</summary>
public sealed record IssueBulletin(string Name, ReportPeriod Period, string Culture, IReadOnlyList<BulletinParagraph> Paragraphs,
    IReadOnlyCollection<int> SentTo, IReadOnlyCollection<int> DistributedTo);

public sealed record IssueResult(bool Succeeded, string? ErrorCode = null, int Year = 0, int Number = 0)
{
    public static IssueResult Failed(string code) => new(false, code);
}

/// <summary>
/// Issues a bulletin under the next number of its year. Two editors issuing at once both get a number: the database's
/// unique (year, number) turns the second away and it takes the next.
/// </summary>
public sealed class BulletinIssuing(IDbContextFactory<DisputesDbContext> dbFactory, TimeProvider clock, ILogger<BulletinIssuing> logger)
{
    private const int MaxAttempts = 5;

    /// <summary>Who may be on the 报 line: the bodies above the federation and the city's departments.</summary>
    public static IReadOnlyList<OrganisationKind> SentToKinds { get; } = [OrganisationKind.Superior, OrganisationKind.Department];

    /// <summary>Who may be on the 发 line: the town unions, the departments and their branches.</summary>
    public static IReadOnlyList<OrganisationKind> DistributedToKinds { get; } =
        [OrganisationKind.TownUnion, OrganisationKind.Department, OrganisationKind.DepartmentBranch];

    public async Task<IssueResult> IssueAsync(Actor actor, IssueBulletin command, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryIssueAsync(actor, command, cancellationToken);
            }
            catch (DomainException e)
            {
                return IssueResult.Failed(e.Code);
            }
            catch (DbUpdateException e) when (attempt < MaxAttempts)
            {
                logger.LogInformation(e, "Another bulletin took the number; retrying ({Attempt})", attempt);
            }
        }
    }

    private async Task<IssueResult> TryIssueAsync(Actor actor, IssueBulletin command, CancellationToken cancellationToken)
    {
        // The bulletin is written in its culture every time it is shown or exported: one the app does not speak would fail there.
        if (!Hosting.LocalizationHostingExtensions.SupportedCultures.Contains(command.Culture))
        {
            return IssueResult.Failed("bulletin.culture");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = command.SentTo.Concat(command.DistributedTo).Append(actor.OrganisationId).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        if (!organisations.TryGetValue(actor.OrganisationId, out var issuer))
        {
            return IssueResult.Failed("bulletin.not-allowed");
        }

        var recipients = new List<BulletinRecipient>();
        foreach (var (line, chosen, kinds) in new[]
                 {
                     (RecipientLine.SentTo, command.SentTo, SentToKinds),
                     (RecipientLine.DistributedTo, command.DistributedTo, DistributedToKinds),
                 })
        {
            if (chosen.Any(id => !organisations.TryGetValue(id, out var organisation) || !kinds.Contains(organisation.Kind)))
            {
                return IssueResult.Failed("bulletin.recipient-unknown");
            }

            // In the directory's order, as the editor saw them, whatever order they were ticked in.
            recipients.AddRange(chosen.Distinct().Select(id => organisations[id]).OrderBy(o => BulletinQueries.Rank(o.Kind)).ThenBy(o => o.Id)
                .Select(o => new BulletinRecipient { Line = line, OrganisationId = o.Id, Name = o.Name, NameEn = o.NameEn }));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var year = ChinaTime.FromUtc(now).Year;
        var last = await db.Bulletins.Where(b => b.Year == year).MaxAsync(b => (int?)b.Number, cancellationToken) ?? 0;
        var bulletin = Bulletin.Issue(actor, issuer, last + 1, command.Name, command.Period, command.Culture, command.Paragraphs, recipients, now);
        db.Bulletins.Add(bulletin);
        await db.SaveChangesAsync(cancellationToken);
        return new IssueResult(true, Year: bulletin.Year, Number: bulletin.Number);
    }
}

using Disputes.Data;
using Disputes.Domain.Incidents;
using Disputes.Web.Features.Audit;
using Disputes.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Disputes.Web.Features.PersonalData;

/// <summary>A worker's whole numbers, shown until <see cref="ShownUntilUtc"/>.</summary>
public sealed record RevealedNumbers(Guid WorkerId, string IdNumber, string Phone, DateTime ShownUntilUtc);

/// <summary>The answer to a reveal: the numbers, or the reason for refusing (a resource key under <c>Error.</c>).</summary>
public sealed record RevealResult(RevealedNumbers? Numbers, string? ErrorCode)
{
    public bool Succeeded => Numbers is not null;
}

/// <summary>
/// The one way to a whole ID number or phone: the permission (<see cref="PersonalDataOptions"/>), an incident the user may
/// see, a reason given, and an entry on the audit trail before anything is shown. Exports unmasked ask the same here.
/// </summary>
public sealed class PersonalDataAccess(IDbContextFactory<DisputesDbContext> dbFactory, IOptions<PersonalDataOptions> options, AuditLog audit,
    TimeProvider clock)
{
    public bool MayReveal(Actor actor) => options.Value.Allows(actor);

    /// <summary>Why this reason will not do (an error code), or null: it is required, short, and plain text.</summary>
    public static string? ReasonProblem(string? reason) => reason?.Trim() switch
    {
        null or { Length: < PersonalDataOptions.ReasonMinLength } => "reveal.reason-required",
        { Length: > PersonalDataOptions.ReasonMaxLength } => "reveal.reason-too-long",
        var text when text.Any(c => char.IsControl(c) || c is '\u202a' or '\u202b' or '\u202c' or '\u202d' or '\u202e' or '\u2066' or '\u2067' or '\u2068' or '\u2069')
            => "reveal.reason-invalid",
        _ => null,
    };

    /// <summary>Checks that <paramref name="actor"/> may take numbers unmasked with this reason, for an export: an error code, or null.</summary>
    public string? RefusalFor(Actor actor, string? reason) => !MayReveal(actor) ? "reveal.not-allowed" : ReasonProblem(reason);

    public async Task<RevealResult> RevealAsync(Actor actor, string number, Guid workerId, string? reason, CancellationToken cancellationToken = default)
    {
        if (RefusalFor(actor, reason) is { } refusal)
        {
            return new RevealResult(null, refusal);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var worker = await db.Incidents.AsNoTracking().VisibleTo(actor).Where(i => i.Number == number)
            .SelectMany(i => i.Workers).Where(w => w.Id == workerId).SingleOrDefaultAsync(cancellationToken);
        if (worker is null)
        {
            return new RevealResult(null, "incident.not-found");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var who = await AuditWho.OfAsync(db, actor, cancellationToken);
        await audit.AppendAsync([who.Did(now, AuditTypes.PersonalDataRevealed, AuditTypes.WorkerObject($"{worker.Name} {worker.IdNumber.Masked}"),
            number, reason!.Trim())], cancellationToken);
        return new RevealResult(new RevealedNumbers(worker.Id, worker.IdNumber.Value, worker.Phone, now + PersonalDataOptions.RevealFor), null);
    }
}

public static class PersonalDataAccessHostingExtensions
{
    public static IHostApplicationBuilder AddDisputesPersonalDataAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PersonalDataOptions>()
            .Bind(builder.Configuration.GetSection(PersonalDataOptions.Section))
            .Validate(o => o.IsValid,
                $"PersonalData:RevealRoles names a role or department that does not exist; the roles are {string.Join(", ", Domain.Roles.All)}.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PersonalDataAccess>();
        return builder;
    }
}

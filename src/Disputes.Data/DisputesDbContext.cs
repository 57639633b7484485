using Disputes.Domain.Enterprises;
using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Playbooks;
using Disputes.Domain.Reports;
using Disputes.Domain.Workers;
using Disputes.Domain.Organisations;
using Disputes.Data.Protection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Data;

public sealed class DisputesDbContext : IdentityDbContext<AppUser, IdentityRole, string>, IDataProtectionKeyContext
{
    public DisputesDbContext(DbContextOptions<DisputesDbContext> options)
        : base(options)
    {
        PersonalData = PersonalDataProtection.Of(options);
        SavingChanges += (_, _) => PersonalDataMapping.HashIdNumbers(this);
    }

    /// <summary>What encrypts the personal-data columns (<see cref="PersonalDataMapping"/>); set with <c>UsePersonalDataProtection</c>.</summary>
    public IPersonalDataCipher PersonalData { get; }

    /// <summary>The key ring that protects cookies and bearer tokens, shared by every app instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Enterprise> Enterprises => Set<Enterprise>();

    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<PlanStep> PlanSteps => Set<PlanStep>();

    public DbSet<Engagement> Engagements => Set<Engagement>();

    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<Playbook> Playbooks => Set<Playbook>();

    public DbSet<PlaybookVersion> PlaybookVersions => Set<PlaybookVersion>();

    public DbSet<WorkerClaim> WorkerClaims => Set<WorkerClaim>();

    public DbSet<Recovery> Recoveries => Set<Recovery>();

    public DbSet<EscalationRecord> Escalations => Set<EscalationRecord>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<IncidentNumberCounter> IncidentNumberCounters => Set<IncidentNumberCounter>();

    public DbSet<CommandReceipt> CommandReceipts => Set<CommandReceipt>();

    /// <summary>Issued work bulletins (工作简报), numbered per year.</summary>
    public DbSet<Bulletin> Bulletins => Set<Bulletin>();

    /// <summary>Every export of data from the system: who, what, when, how many rows.</summary>
    public DbSet<ExportRecord> ExportLog => Set<ExportRecord>();

    /// <summary>Sign-ins, refusals, blocks and throttles: who was named, from where, with what result.</summary>
    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();

    /// <summary>The hash-chained audit trail: only ever added to, through <c>AuditLog</c>.</summary>
    public DbSet<AuditRecord> AuditTrail => Set<AuditRecord>();

    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();

    /// <summary>Wrong passwords counted per client address and account name, and the blocks they led to.</summary>
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();

    /// <summary>Signed-in sessions (browsers, token clients, wall displays), so that each can be ended on the server.</summary>
    public DbSet<UserSession> UserSessions => Set<UserSession>();

    /// <summary>Token clients' refresh tokens, hashed, each usable once.</summary>
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DisputesDbContext).Assembly);
        PersonalDataMapping.Apply(builder, PersonalData);
    }
}

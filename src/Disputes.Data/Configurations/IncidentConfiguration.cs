using Disputes.Domain.Enterprises;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Disputes.Data.Configurations;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    private const string OpenFilter = "Stage IN ('Reported', 'Responding', 'Resolving', 'Resolved')";

    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.Property(i => i.Number).HasMaxLength(Incident.NumberMaxLength).IsUnicode(false);
        builder.HasIndex(i => i.Number).IsUnique();
        builder.HasIndex(i => new { i.TownId, i.Year, i.Sequence }).IsUnique();
        builder.HasIndex(i => i.SubmissionId).IsUnique();
        builder.HasIndex(i => new { i.Stage, i.ReportedAtUtc });

        // The monitoring wall's periods: incidents logged (with the town and type its trend groups by), and closed, in a month.
        builder.HasIndex(i => new { i.ReportedAtUtc, i.TownId, i.Type });
        builder.HasIndex(i => i.ClosedAtUtc);

        // The open incidents, a few thousand among a history of hundreds of thousands, on their own: the wall's grid and
        // totals and the board's default view read only these. Without statistics of the stages' skew SQLite would scan the
        // history instead. The filter is the same text in both providers, and matches what EF Core writes for "open".
        builder.HasIndex(i => new { i.TownId, i.Grade }, "IX_Incidents_Open_TownId_Grade").HasFilter(OpenFilter);
        builder.HasIndex(i => i.ReportedAtUtc, "IX_Incidents_Open_ReportedAtUtc").HasFilter(OpenFilter);
        builder.HasIndex(i => i.EnterpriseId);
        builder.Property(i => i.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.Grade).HasConversion<string>().HasMaxLength(4);
        builder.Property(i => i.SuggestedGrade).HasConversion<string>().HasMaxLength(4);
        builder.Property(i => i.Stage).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Facts).HasConversion<int>();
        builder.Property(i => i.Location).HasMaxLength(IncidentReport.LocationMaxLength);
        builder.Property(i => i.Description).HasMaxLength(IncidentReport.DescriptionMaxLength);
        builder.Property(i => i.CancelReason).HasMaxLength(Incident.TextMaxLength);
        builder.Property(i => i.ReportedByUserId).HasMaxLength(64);
        builder.Property(i => i.LastChangedBy).HasMaxLength(100);
        builder.Property(i => i.ConcurrencyToken).IsConcurrencyToken();
        builder.Property(i => i.LastSequence).IsConcurrencyToken();
        builder.ComplexProperty(i => i.WagesOwed, money => money.Property(m => m.Fen).HasColumnName("WagesOwedFen"));
        builder.OwnsOne(i => i.Closure, closure =>
        {
            closure.Property(c => c.Outcome).HasMaxLength(Closure.TextMaxLength);
            closure.Property(c => c.Referrals).HasMaxLength(Closure.TextMaxLength);
            closure.Property(c => c.LessonsLearned).HasMaxLength(Closure.TextMaxLength);
            closure.Property(c => c.Recovered).HasConversion(m => m.Fen, fen => new Money(fen)).HasColumnName("Closure_RecoveredFen");
        });
        builder.HasOne<Organisation>().WithMany().HasForeignKey(i => i.TownId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enterprise>().WithMany().HasForeignKey(i => i.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Steps).WithOne().HasForeignKey("IncidentId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Engagements).WithOne().HasForeignKey("IncidentId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Timeline).WithOne().HasForeignKey("IncidentId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Attachments).WithOne().HasForeignKey("IncidentId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Workers).WithOne().HasForeignKey("IncidentId").OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(i => i.IsOpen);
        builder.Ignore(i => i.Raised);
    }
}

internal sealed class PlanStepConfiguration : IEntityTypeConfiguration<PlanStep>
{
    public void Configure(EntityTypeBuilder<PlanStep> builder)
    {
        builder.ToTable("PlanSteps");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Department).HasConversion<string>().HasMaxLength(24);
        builder.Property(s => s.OwnerRole).HasMaxLength(32);
        builder.Property(s => s.CompletedBy).HasMaxLength(100);
        builder.HasIndex(s => new { s.DueAtUtc, s.CompletedAtUtc, s.CancelledAtUtc });

        // The steps open now, by due time (what is overdue), on their own: a few tens of thousands among the millions of a
        // city's history. And the completed ones by kind and completion (the wall's response times). Both partial: SQLite's
        // statistics average the rows per value, so an index holding the history's open steps under a null completion time
        // would count them as two and be chosen to find them, reading every cancelled step as well.
        builder.HasIndex(s => s.DueAtUtc, "IX_PlanSteps_Open_DueAtUtc").HasFilter("CompletedAtUtc IS NULL AND CancelledAtUtc IS NULL");
        builder.HasIndex(s => new { s.Kind, s.CompletedAtUtc }).HasFilter("CompletedAtUtc IS NOT NULL");
        builder.OwnsMany(s => s.Pauses, pauses => pauses.ToJson());
        builder.Ignore(s => s.IsOpen);
        builder.Ignore(s => s.IsPaused);
        builder.Ignore(s => s.PausedTotal);
    }
}

internal sealed class EngagementConfiguration : IEntityTypeConfiguration<Engagement>
{
    public void Configure(EntityTypeBuilder<Engagement> builder)
    {
        builder.ToTable("Engagements");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Department).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.EngagedBy).HasMaxLength(100);
        builder.Property(e => e.AcknowledgedBy).HasMaxLength(100);
        builder.HasIndex(e => new { e.OrganisationId, e.Department });
        builder.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(e => e.Tasks, tasks => tasks.ToJson());
        builder.Ignore(e => e.IsAcknowledged);
    }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.ToTable("TimelineEntries");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.ActorUserId).HasMaxLength(64);
        builder.Property(t => t.ActorName).HasMaxLength(100);
        builder.Property(t => t.Payload);
        builder.HasIndex("IncidentId", nameof(TimelineEntry.Sequence)).IsUnique();
        builder.HasIndex(t => new { t.Kind, t.AtUtc });
        builder.Ignore(t => t.Event);
        builder.Ignore(t => t.IsBySystem);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.ToTable("Attachments");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FileName).HasMaxLength(Attachment.FileNameMaxLength);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.StorageKey).HasMaxLength(200);
        builder.Property(a => a.UploadedBy).HasMaxLength(100);
        builder.Property(a => a.UploadedByUserId).HasMaxLength(64);
    }
}

internal sealed class IncidentNumberCounterConfiguration : IEntityTypeConfiguration<IncidentNumberCounter>
{
    public void Configure(EntityTypeBuilder<IncidentNumberCounter> builder) =>
        builder.HasKey(c => new { c.TownId, c.Year });
}

internal sealed class CommandReceiptConfiguration : IEntityTypeConfiguration<CommandReceipt>
{
    public void Configure(EntityTypeBuilder<CommandReceipt> builder)
    {
        builder.HasKey(r => r.SubmissionId);
        builder.Property(r => r.SubmissionId).ValueGeneratedNever();
        builder.HasOne<Incident>().WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

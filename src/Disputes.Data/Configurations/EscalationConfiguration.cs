using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Disputes.Data.Configurations;

internal sealed class EscalationRecordConfiguration : IEntityTypeConfiguration<EscalationRecord>
{
    public void Configure(EntityTypeBuilder<EscalationRecord> builder)
    {
        builder.ToTable("Escalations");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Reason).HasConversion<string>().HasMaxLength(16);

        // Exactly once per step and level, across jobs, sweeps and app instances: the database decides.
        builder.HasIndex(e => new { e.StepId, e.Level }).IsUnique().HasFilter("StepId IS NOT NULL");

        // A major-incident alert is once per incident.
        builder.HasIndex(e => new { e.IncidentId, e.Level }).IsUnique().HasFilter("StepId IS NULL");

        // An incident's escalations (the filtered index above holds only its major-incident alert), and those of a period.
        builder.HasIndex(e => e.IncidentId);
        builder.HasIndex(e => e.EscalatedAtUtc);
        builder.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.UserId).HasMaxLength(64);
        builder.Property(n => n.Channel).HasConversion<string>().HasMaxLength(8);
        builder.Property(n => n.Error).HasMaxLength(Notification.ErrorMaxLength);
        builder.HasIndex(n => new { n.UserId, n.ReadAtUtc });
        builder.HasOne<EscalationRecord>().WithMany().HasForeignKey(n => n.EscalationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

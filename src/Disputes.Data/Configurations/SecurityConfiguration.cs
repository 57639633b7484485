using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Disputes.Data.Configurations;

internal sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public void Configure(EntityTypeBuilder<SecurityEvent> builder)
    {
        builder.ToTable("SecurityEvents");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Type).HasConversion<string>().HasMaxLength(32).IsUnicode(false);
        builder.Property(e => e.Result).HasConversion<string>().HasMaxLength(24).IsUnicode(false);
        builder.Property(e => e.Channel).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        builder.Property(e => e.UserName).HasMaxLength(SecurityEvent.UserNameMaxLength);
        builder.Property(e => e.UserId).HasMaxLength(SecurityEvent.UserIdMaxLength);
        builder.Property(e => e.ClientAddress).HasMaxLength(SecurityEvent.AddressMaxLength).IsUnicode(false);
        builder.Property(e => e.UserAgent).HasMaxLength(SecurityEvent.UserAgentMaxLength);
        builder.Property(e => e.ActorId).HasMaxLength(SecurityEvent.UserIdMaxLength);
        builder.Property(e => e.ActorName).HasMaxLength(SecurityEvent.ActorNameMaxLength);
        builder.HasIndex(e => e.AtUtc);
        builder.HasIndex(e => new { e.UserId, e.AtUtc });
    }
}

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> builder)
    {
        builder.ToTable("SignInFailures");
        builder.HasKey(f => new { f.Network, f.NormalizedUserName });
        builder.Property(f => f.Network).HasMaxLength(SignInFailure.NetworkMaxLength).IsUnicode(false);
        builder.Property(f => f.NormalizedUserName).HasMaxLength(SignInFailure.UserNameMaxLength);
        builder.HasIndex(f => f.NormalizedUserName);
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        builder.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        builder.Property(s => s.SecurityStamp).HasMaxLength(64);
        builder.Property(s => s.ClientAddress).HasMaxLength(UserSession.AddressMaxLength).IsUnicode(false);
        builder.Property(s => s.UserAgent).HasMaxLength(UserSession.UserAgentMaxLength);
        builder.Property(s => s.Label).HasMaxLength(UserSession.LabelMaxLength);
        builder.Property(s => s.EnrolmentCodeHash).HasMaxLength(UserSession.CodeHashMaxLength).IsUnicode(false);
        builder.Property(s => s.IssuedById).HasMaxLength(450);
        builder.HasIndex(s => new { s.UserId, s.EndedUtc });
        builder.HasIndex(s => s.EnrolmentCodeHash).IsUnique();
    }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("RefreshTokens");
        builder.HasKey(t => t.Hash);
        builder.Property(t => t.Hash).HasMaxLength(RefreshToken.HashMaxLength).IsUnicode(false);
        builder.HasOne(t => t.Session).WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.SessionId);
    }
}

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable("AuditTrail");
        builder.HasKey(r => r.Sequence);
        builder.Property(r => r.Sequence).ValueGeneratedNever();
        builder.Property(r => r.Type).HasMaxLength(AuditRecord.TypeMaxLength).IsUnicode(false);
        builder.Property(r => r.Result).HasMaxLength(AuditRecord.ResultMaxLength).IsUnicode(false);
        builder.Property(r => r.UserId).HasMaxLength(AuditRecord.UserIdMaxLength);
        builder.Property(r => r.UserName).HasMaxLength(AuditRecord.UserNameMaxLength);
        builder.Property(r => r.Organisation).HasMaxLength(AuditRecord.OrganisationMaxLength);
        builder.Property(r => r.ClientAddress).HasMaxLength(AuditRecord.AddressMaxLength).IsUnicode(false);
        builder.Property(r => r.Object).HasMaxLength(AuditRecord.ObjectMaxLength);
        builder.Property(r => r.IncidentNumber).HasMaxLength(AuditRecord.IncidentNumberMaxLength).IsUnicode(false);
        builder.Property(r => r.Detail).HasMaxLength(AuditRecord.DetailMaxLength);
        builder.Property(r => r.KeyId).HasMaxLength(AuditRecord.KeyIdMaxLength).IsUnicode(false);
        builder.Property(r => r.Hash).HasMaxLength(32);
        builder.HasIndex(r => r.AtUtc);
        builder.HasIndex(r => new { r.UserId, r.AtUtc });
        builder.HasIndex(r => new { r.IncidentNumber, r.AtUtc });
        builder.HasIndex(r => new { r.Type, r.AtUtc });
    }
}

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> builder)
    {
        builder.ToTable("AuditHead");
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(32);
        builder.HasData(new AuditHead { Id = AuditHead.SingleId, Sequence = 0, Hash = AuditRecord.Genesis });
    }
}

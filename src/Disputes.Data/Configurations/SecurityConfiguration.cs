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

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Disputes.Data.Configurations;

internal sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public void Configure(EntityTypeBuilder<SecurityEvent> builder)
    {
        builder.ToTable("SecurityEvents");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Type).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
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

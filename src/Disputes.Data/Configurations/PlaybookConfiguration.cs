using Disputes.Domain.Playbooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Disputes.Data.Configurations;

/// <summary>One row; its lists are small and always read whole, so they live as JSON beside it.</summary>
internal sealed class PlaybookConfiguration : IEntityTypeConfiguration<Playbook>
{
    public void Configure(EntityTypeBuilder<Playbook> builder)
    {
        builder.Property(p => p.UpdatedBy).HasMaxLength(100);
        // A database from before versions were kept holds version 1. Checked on save, so of two saves from the
        // same version only the first is kept.
        builder.Property(p => p.Version).HasDefaultValue(1).IsConcurrencyToken();
        builder.OwnsMany(p => p.Durations, d =>
        {
            d.ToJson();
            d.Property(x => x.Kind).HasConversion<string>();
            d.Property(x => x.Band).HasConversion<string>();
        });
        builder.OwnsMany(p => p.Requirements, r =>
        {
            r.ToJson();
            r.Property(x => x.Type).HasConversion<string>();
            r.Property(x => x.Department).HasConversion<string>();
        });
        builder.OwnsOne(p => p.Grading, g => g.ToJson());
    }
}

/// <summary>Kept versions are never changed; the version number is the key, as there is one playbook.</summary>
internal sealed class PlaybookVersionConfiguration : IEntityTypeConfiguration<PlaybookVersion>
{
    public void Configure(EntityTypeBuilder<PlaybookVersion> builder)
    {
        builder.HasKey(v => v.Version);
        builder.Property(v => v.Version).ValueGeneratedNever();
        builder.Property(v => v.SavedBy).HasMaxLength(100);
    }
}

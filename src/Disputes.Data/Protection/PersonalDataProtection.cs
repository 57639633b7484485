using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Data.Protection;

public static class PersonalDataProtection
{
    /// <summary>Encrypts and hashes the personal-data columns of <see cref="DisputesDbContext"/> with <paramref name="protector"/>.</summary>
    public static DbContextOptionsBuilder UsePersonalDataProtection(this DbContextOptionsBuilder options, IPersonalDataCipher protector)
    {
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new PersonalDataOptionsExtension(protector));
        // The converters hold the protector, so a model is kept per protector: two apps in one process with other keys never share one.
        options.ReplaceService<IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>();
        return options;
    }

    /// <summary>
    /// The protector of a context made without one (the design-time factories, model checks): the model is the same,
    /// but reading or writing a protected column says what is missing instead of storing clear text.
    /// </summary>
    public static IPersonalDataCipher Unconfigured { get; } = new MissingProtector();

    internal static IPersonalDataCipher Of(DbContextOptions options) =>
        options.FindExtension<PersonalDataOptionsExtension>()?.Protector ?? Unconfigured;

    private sealed class MissingProtector : IPersonalDataCipher
    {
        public byte[] Protect(string purpose, string clear) => throw Missing();

        public string Unprotect(string purpose, byte[] stored) => throw Missing();

        public byte[] Hash(string purpose, string clear) => throw Missing();

        private static InvalidOperationException Missing() => new(
            "This DisputesDbContext was made without a personal-data protector (UsePersonalDataProtection): ID numbers, phones and contacts cannot be read or written.");
    }

    private sealed class PersonalDataModelCacheKeyFactory : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) =>
            (context.GetType(), (context as DisputesDbContext)?.PersonalData, designTime);
    }

    private sealed class PersonalDataOptionsExtension(IPersonalDataCipher protector) : IDbContextOptionsExtension
    {
        private DbContextOptionsExtensionInfo? _info;

        public IPersonalDataCipher Protector { get; } = protector;

        public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

        public void ApplyServices(IServiceCollection services)
        {
        }

        public void Validate(IDbContextOptions options)
        {
        }

        private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
        {
            public override bool IsDatabaseProvider => false;

            public override string LogFragment => "PersonalDataProtection ";

            // One internal service provider for every protector: the model cache key, not the provider, tells them apart.
            public override int GetServiceProviderHashCode() => 0;

            public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

            public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
            {
            }
        }
    }
}

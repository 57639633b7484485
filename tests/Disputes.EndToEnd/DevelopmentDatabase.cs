using System.Text.Json;
using Disputes.Data;
using Disputes.Data.Protection;
using Disputes.Web.Crypto;
using Microsoft.EntityFrameworkCore;

namespace Disputes.EndToEnd;

/// <summary>A context on the database of an app started in Development, with that app's personal-data keys (appsettings.Development.json).</summary>
public static class DevelopmentDatabase
{
    private static readonly Lazy<PersonalDataCipher> Cipher = new(ReadCipher);

    public static DbContextOptions<DisputesDbContext> Options(string databasePath)
    {
        var builder = new DbContextOptionsBuilder<DisputesDbContext>()
            .UseDisputesDatabase(DatabaseProvider.Sqlite, $"Data Source={databasePath}")
            .UsePersonalDataProtection(Cipher.Value);
        return (DbContextOptions<DisputesDbContext>)builder.Options;
    }

    private static PersonalDataCipher ReadCipher()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "appsettings.Development.json")));
        var crypto = settings.RootElement.GetProperty("Crypto");
        return PersonalDataCipher.FromOptions(new CryptoOptions
        {
            DataKey = crypto.GetProperty("DataKey").GetString(),
            DataKeys = crypto.GetProperty("DataKeys").EnumerateObject().ToDictionary(k => k.Name, k => k.Value.GetString()!),
            LookupKey = crypto.GetProperty("LookupKey").GetString(),
        });
    }
}

using Disputes.Data;
using Disputes.Data.Protection;
using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Disputes.Domain.Workers;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Tests.Data;

/// <summary>
/// What a user may type is what the domain accepts is what the column holds, on both providers: a text the form lets
/// through can never fail at the database. Texts kept only inside a timeline payload have no column limit at all.
/// </summary>
public sealed class TextLimitTests
{
    public static TheoryData<DatabaseProvider, string> Providers => new()
    {
        { DatabaseProvider.Sqlite, "Data Source=:memory:" },
        { DatabaseProvider.SqlServer, "Server=(none);Database=Disputes;Integrated Security=true;TrustServerCertificate=true" },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Each_column_holds_exactly_the_domains_limit(DatabaseProvider provider, string connectionString)
    {
        using var db = new DisputesDbContext(DatabaseProviderExtensions.CreateOptions(provider, connectionString));
        int? Limit<T>(string property) => db.Model.FindEntityType(typeof(T))!.FindProperty(property)!.GetMaxLength();

        Assert.Equal(IncidentReport.LocationMaxLength, Limit<Incident>(nameof(Incident.Location)));
        Assert.Equal(IncidentReport.DescriptionMaxLength, Limit<Incident>(nameof(Incident.Description)));
        Assert.Equal(Incident.TextMaxLength, Limit<Incident>(nameof(Incident.CancelReason)));
        Assert.Equal(Attachment.FileNameMaxLength, Limit<Attachment>(nameof(Attachment.FileName)));
        Assert.Equal(Enterprise.NameMaxLength, Limit<Enterprise>(nameof(Enterprise.Name)));
        Assert.Equal(Enterprise.TextMaxLength, Limit<Enterprise>(nameof(Enterprise.Address)));
        Assert.Equal(WorkerClaim.NameMaxLength, Limit<WorkerClaim>(nameof(WorkerClaim.Name)));
        Assert.Equal(Recovery.NoteMaxLength, Limit<Recovery>(nameof(Recovery.Note)));
        // Encrypted columns hold the ciphertext of the longest text the domain accepts (UTF-8, with the cipher's overhead).
        Assert.Equal(PersonalDataPurpose.ColumnLength(ResidentIdNumber.Length, ascii: true), Limit<WorkerClaim>(nameof(WorkerClaim.IdNumber)));
        Assert.Equal(PersonalDataPurpose.ColumnLength(WorkerClaim.PhoneMaxLength), Limit<WorkerClaim>(nameof(WorkerClaim.Phone)));
        Assert.Equal(PersonalDataPurpose.ColumnLength(Enterprise.TextMaxLength), Limit<Enterprise>(nameof(Enterprise.Contact)));
        Assert.Equal(SecurityEvent.UserNameMaxLength, Limit<SecurityEvent>(nameof(SecurityEvent.UserName)));
        Assert.Equal(SecurityEvent.UserAgentMaxLength, Limit<SecurityEvent>(nameof(SecurityEvent.UserAgent)));
        Assert.Equal(SignInFailure.UserNameMaxLength, Limit<SignInFailure>(nameof(SignInFailure.NormalizedUserName)));
        Assert.Null(Limit<Disputes.Domain.Incidents.History.TimelineEntry>(nameof(Disputes.Domain.Incidents.History.TimelineEntry.Payload)));
        var closure = db.Model.FindEntityType(typeof(Incident))!.FindNavigation(nameof(Incident.Closure))!.TargetEntityType;
        Assert.All([nameof(Closure.Outcome), nameof(Closure.Referrals), nameof(Closure.LessonsLearned)],
            p => Assert.Equal(Closure.TextMaxLength, closure.FindProperty(p)!.GetMaxLength()));
    }

    [Fact]
    public void Every_name_a_timeline_entry_keeps_fits_its_column()
    {
        using var db = new DisputesDbContext(DatabaseProviderExtensions.CreateOptions(DatabaseProvider.Sqlite, "Data Source=:memory:"));

        Assert.True(AppUser.DisplayNameMaxLength <= db.Model.FindEntityType(typeof(Disputes.Domain.Incidents.History.TimelineEntry))!
            .FindProperty(nameof(Disputes.Domain.Incidents.History.TimelineEntry.ActorName))!.GetMaxLength());
    }
}

using System.Security.Cryptography;
using System.Text;
using Disputes.Data;
using Disputes.Data.Protection;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Workers;
using Disputes.Web.Crypto;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Roster;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Crypto;

/// <summary>ID numbers, phones and contacts as the database holds them: encrypted, readable by the app, rotated by command.</summary>
public sealed class PersonalDataAtRestTests
{
    private const string Zhang = "11010519491231002X";
    private const string ZhangPhone = "13812345678";
    private const string Li = "110105194912310038";
    private const string LiPhone = "13912345678";
    private const string Wang = "320583199001011232";

    [Fact]
    public async Task The_columns_hold_no_clear_id_number_or_phone_and_the_app_reads_them_back()
    {
        using var app = new DisputesAppFactory();
        var number = await LogWithWorkersAsync(app, (Zhang, ZhangPhone), (Li, LiPhone));

        var raw = await RawAsync(app.DatabasePath, "SELECT IdNumber, Phone, IdNumberHash FROM WorkerClaims");
        Assert.Equal(2, raw.Count);
        Assert.All(raw, row =>
        {
            Assert.All(row, value => Assert.IsType<byte[]>(value));
            var text = Encoding.Latin1.GetString(row.SelectMany(v => (byte[])v!).ToArray());
            Assert.DoesNotContain(Zhang[..17], text);
            Assert.DoesNotContain(Li[..17], text);
            Assert.DoesNotContain("12345678", text);
            Assert.Equal(PersonalDataPurpose.HashLength, ((byte[])row[2]!).Length);
        });
        var contacts = await RawAsync(app.DatabasePath, "SELECT Contact FROM Enterprises");
        Assert.NotEmpty(contacts);
        Assert.All(contacts, row => Assert.Equal((byte)1, Assert.IsType<byte[]>(row[0])[0]));

        var workers = await app.WithDbAsync(db => db.WorkerClaims.AsNoTracking().OrderBy(w => w.Name).ToListAsync());
        Assert.Equal([(Zhang, ZhangPhone), (Li, LiPhone)], workers.Select(w => (w.IdNumber.Value, w.Phone)));
        var contact = await app.WithDbAsync(db => db.Enterprises.AsNoTracking().Where(e => e.Name == "昆山科家塑胶有限公司").Select(e => e.Contact).SingleAsync());
        Assert.Matches(@"\d{8}", contact);
        Assert.NotNull(number);
    }

    [Fact]
    public async Task The_roster_still_refuses_an_id_number_twice_in_one_incident_through_its_hash()
    {
        using var app = new DisputesAppFactory();
        var number = await LogWithWorkersAsync(app, (Zhang, ZhangPhone));
        var officer = await Actors.ForAsync(app, "zp.officer");

        var again = await app.Services.GetRequiredService<IncidentCommands>()
            .SendAsync(officer, new ImportWorkers(number, [Worker("张三又", Zhang, ""), Worker("王五", Wang, "")]));

        Assert.True(again.Succeeded);
        Assert.Equal(1, again.Count);
        // Past the aggregate (two writers each holding an old roster), the database's unique index on the hash refuses it.
        var incidentId = await app.WithDbAsync(db => db.Incidents.Where(i => i.Number == number).Select(i => i.Id).SingleAsync());
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            var duplicate = Worker("张三再", Zhang, "");
            db.WorkerClaims.Add(duplicate);
            db.Entry(duplicate).Property<int?>("IncidentId").CurrentValue = incidentId;
            return await db.SaveChangesAsync();
        }));
        Assert.Contains("UNIQUE", error.InnerException!.Message);
        var hashes = await RawAsync(app.DatabasePath, "SELECT IdNumberHash FROM WorkerClaims");
        Assert.Equal(2, hashes.Select(h => Convert.ToHexString((byte[])h[0]!)).Distinct().Count());
    }

    [Fact]
    public async Task A_changed_ciphertext_fails_loudly_and_the_command_names_its_row()
    {
        using var app = new DisputesAppFactory();
        var number = await LogWithWorkersAsync(app, (Zhang, ZhangPhone));
        var stored = (await RawAsync(app.DatabasePath, "SELECT Id, Phone FROM WorkerClaims")).Single();
        var tampered = (byte[])stored[1]!;
        tampered[^1] ^= 0x01;
        await ExecuteAsync(app.DatabasePath, "UPDATE WorkerClaims SET Phone = $phone WHERE Id = $id", ("$phone", tampered), ("$id", stored[0]!));

        await Assert.ThrowsAnyAsync<CryptographicException>(() => app.WithDbAsync(db => db.WorkerClaims.AsNoTracking().ToListAsync()));
        var officer = await Actors.ForAsync(app, "zp.officer");
        var view = await Record.ExceptionAsync(() => IncidentView.LoadAsync(app.Services.GetRequiredService<IDbContextFactory<DisputesDbContext>>(), officer, number));
        Assert.IsAssignableFrom<CryptographicException>(view);
        var result = await app.Services.GetRequiredService<PersonalDataReencryption>().ReencryptAllAsync();
        var unreadable = Assert.Single(result.Unreadable);
        Assert.StartsWith("WorkerClaims ", unreadable);
        Assert.DoesNotContain(ZhangPhone[3..], unreadable);
    }

    [Fact]
    public async Task Rotation_keeps_old_rows_readable_the_command_moves_them_to_the_new_key_and_the_old_key_can_go()
    {
        var keyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var keyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        using var first = new DisputesAppFactory { Settings = new Dictionary<string, string> { ["Crypto:DataKey"] = "A", ["Crypto:DataKeys:A"] = keyA } };
        var number = await LogWithWorkersAsync(first, (Zhang, ZhangPhone), (Li, LiPhone));
        Assert.Equal(["A"], await KeyIdsAsync(first.DatabasePath));
        var database = $"Data Source={first.DatabasePath}";

        using (var withoutA = new DisputesAppFactory { Settings = new Dictionary<string, string>
               { ["ConnectionStrings:Disputes"] = database, ["Crypto:DataKey"] = "B", ["Crypto:DataKeys:B"] = keyB } })
        {
            // Removing A too early: nothing is rewritten, each row under A is named.
            var early = await withoutA.Services.GetRequiredService<PersonalDataReencryption>().ReencryptAllAsync();
            Assert.Contains("WorkerClaims", string.Join(" ", early.Unreadable));
            Assert.Equal(0, early.Rewritten);
        }

        using (var both = new DisputesAppFactory { Settings = new Dictionary<string, string>
               { ["ConnectionStrings:Disputes"] = database, ["Crypto:DataKey"] = "B", ["Crypto:DataKeys:A"] = keyA, ["Crypto:DataKeys:B"] = keyB } })
        {
            var officer = await Actors.ForAsync(both, "zp.officer");
            var added = await both.Services.GetRequiredService<IncidentCommands>().SendAsync(officer, new ImportWorkers(number, [Worker("王五", Wang, "13700000000")]));
            Assert.Equal(1, added.Count);
            Assert.Equal(3, (await both.WithDbAsync(db => db.WorkerClaims.AsNoTracking().ToListAsync())).Count);
            Assert.Equal(["A", "B"], await KeyIdsAsync(first.DatabasePath));

            var reencryption = both.Services.GetRequiredService<PersonalDataReencryption>();
            var moved = await reencryption.ReencryptAllAsync();
            Assert.Empty(moved.Unreadable);
            Assert.True(moved.Rewritten >= 2, $"{moved.Rewritten} rows rewritten");
            Assert.Equal(["B"], await KeyIdsAsync(first.DatabasePath));
            Assert.Equal(0, (await reencryption.ReencryptAllAsync()).Rewritten);
        }

        using var onlyB = new DisputesAppFactory { Settings = new Dictionary<string, string>
            { ["ConnectionStrings:Disputes"] = database, ["Crypto:DataKey"] = "B", ["Crypto:DataKeys:B"] = keyB } };
        var workers = await onlyB.WithDbAsync(db => db.WorkerClaims.AsNoTracking().OrderBy(w => w.Name).ToListAsync());
        Assert.Equal(new[] { Li, Wang, Zhang }.Order(StringComparer.Ordinal), workers.Select(w => w.IdNumber.Value).Order(StringComparer.Ordinal));
        Assert.NotEmpty(await onlyB.WithDbAsync(db => db.Enterprises.AsNoTracking().Select(e => e.Contact).ToListAsync()));
    }

    [Fact]
    public async Task Rows_written_in_clear_before_the_migration_end_encrypted_and_readable()
    {
        using var app = new DisputesAppFactory();
        await CreateDatabaseBeforeEncryptionAsync(app.DatabasePath);

        app.CreateClient();

        var workers = await RawAsync(app.DatabasePath, "SELECT IdNumber, Phone, IdNumberHash FROM WorkerClaims WHERE IncidentId = 9001");
        Assert.Equal(2, workers.Count);
        Assert.All(workers, w =>
        {
            Assert.Equal((byte)1, ((byte[])w[0]!)[0]);
            Assert.Equal((byte)1, ((byte[])w[1]!)[0]);
            Assert.Equal(PersonalDataPurpose.HashLength, ((byte[])w[2]!).Length);
        });
        Assert.Equal((byte)1, ((byte[])(await RawAsync(app.DatabasePath, "SELECT Contact FROM Enterprises WHERE Id = 9001"))[0][0]!)[0]);
        Assert.Equal((byte)1, ((byte[])(await RawAsync(app.DatabasePath, "SELECT PhoneNumber FROM AspNetUsers WHERE Id = 'old-user'"))[0][0]!)[0]);

        var read = await app.WithDbAsync(db => db.WorkerClaims.AsNoTracking().Where(w => EF.Property<int?>(w, "IncidentId") == 9001)
            .OrderBy(w => w.Name).Select(w => new { w.IdNumber, w.Phone }).ToListAsync());
        Assert.Equal([(Zhang, ZhangPhone), (Li, LiPhone)], read.Select(w => (w.IdNumber.Value, w.Phone)));
        Assert.Equal("郑某某 13812345678", await app.WithDbAsync(db => db.Enterprises.Where(e => e.Id == 9001).Select(e => e.Contact).SingleAsync()));
        Assert.Equal("13800000000", await app.WithDbAsync(db => db.Users.Where(u => u.Id == "old-user").Select(u => u.PhoneNumber).SingleAsync()));
        var hash = app.Services.GetRequiredService<PersonalDataCipher>().Hash(PersonalDataPurpose.WorkerIdNumber, Zhang);
        Assert.Contains(workers, w => ((byte[])w[2]!).AsSpan().SequenceEqual(hash));

        // The roster's duplicate check holds for the migrated rows too.
        var officer = await Actors.ForAsync(app, "duty");
        var again = await app.Services.GetRequiredService<IncidentCommands>().SendAsync(officer, new ImportWorkers("ZP-2026-0001", [Worker("张三", Zhang, "")]));
        Assert.True(again.Succeeded, again.ErrorCode);
        Assert.Equal(0, again.Count);
        // A second start finds nothing left in clear.
        Assert.Equal(0, (await app.Services.GetRequiredService<PersonalDataReencryption>().EncryptPendingAsync()).Rewritten);
    }

    [Theory]
    [InlineData("Crypto:DataKey", null, "Crypto:DataKey")]
    [InlineData("Crypto:DataKeys:prod1", "c2hvcnQ=", "Crypto:DataKeys")]
    [InlineData("Crypto:LookupKey", null, "Crypto:LookupKey")]
    public void Production_does_not_start_without_its_personal_data_keys(string setting, string? value, string named)
    {
        var settings = DisputesAppFactory.ProductionSettings();
        if (value is null)
        {
            settings.Remove(setting);
        }
        else
        {
            settings[setting] = value;
        }

        using var app = new DisputesAppFactory { EnvironmentName = "Production", Settings = settings };
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains(named, error.ToString());
    }

    /// <summary>Migrated as released before encryption at rest, with clear ID numbers, phones and a contact.</summary>
    private static async Task CreateDatabaseBeforeEncryptionAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var db = new DisputesDbContext(DatabaseProviderExtensions.CreateOptions(DatabaseProvider.Sqlite, $"Data Source={path}"));
        await db.GetService<IMigrator>().MigrateAsync("AuditTrail");
        await db.Database.ExecuteSqlRawAsync($"""
            INSERT INTO Organisations (Id, Code, Name, NameEn, Kind) VALUES (9001, 'OLD', '旧镇总工会', 'Old Town Union', 'TownUnion');
            INSERT INTO Enterprises (Id, Name, CreditCode, TownId, Address, Industry, Ownership, Headcount, LegalRepresentative, Contact)
                VALUES (9001, '旧厂', '91320583093Y7LLJ4T', 9001, '', '', 'Domestic', 0, '', '郑某某 13812345678');
            INSERT INTO Incidents (Id, Number, TownId, Year, Sequence, Type, Grade, SuggestedGrade, EnterpriseId, Location, WorkersInvolved, MonthsInArrears,
                Facts, Description, Stage, ReportedAtUtc, ReportedByUserId, ConcurrencyToken, LastChangedAtUtc, LastChangedBy, WagesOwedFen, LastSequence, PlaybookVersion)
                VALUES (9001, 'ZP-2026-0001', 9001, 2026, 1, 'WageArrears', 'IV', 'IV', 9001, '厂区', 2, 3, 0, '欠薪', 'Resolved', '2026-03-10 02:00:00', 'u1',
                '00000000-0000-0000-0000-000000000001', '2026-03-10 02:00:00', '王海涛', 2000000, 0, 1);
            INSERT INTO WorkerClaims (Id, Name, IdNumber, Phone, IncidentId, AmountOwedFen)
                VALUES ('0193A1C0-0000-7000-8000-000000000001', '张三', '{Zhang}', '{ZhangPhone}', 9001, 1000000),
                       ('0193A1C0-0000-7000-8000-000000000002', '李四', '{Li}', '{LiPhone}', 9001, 1000000);
            INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, DisplayName, OrganisationId, IsActive, MustChangePassword, EmailConfirmed,
                PhoneNumber, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
                VALUES ('old-user', 'old.user', 'OLD.USER', '旧用户', 9001, 1, 0, 0, '13800000000', 0, 0, 1, 0);
            """);
    }

    private static WorkerClaim Worker(string name, string idNumber, string phone) =>
        new(name, ResidentIdNumber.Parse(idNumber), phone, Money.FromYuan(8000));

    private static async Task<string> LogWithWorkersAsync(DisputesAppFactory app, params (string IdNumber, string Phone)[] workers)
    {
        var officer = await Actors.ForAsync(app, "zp.officer");
        var commands = app.Services.GetRequiredService<IncidentCommands>();
        var enterprise = await app.WithDbAsync(db => db.Enterprises.Where(e => e.Name == "昆山科家塑胶有限公司").Select(e => e.Id).SingleAsync());
        var logged = await commands.LogAsync(officer, new LogIncidentCommand(Guid.NewGuid(), enterprise, null, IncidentType.WageArrears, 12,
            Money.FromYuan(50_000), 2, "厂区门口", AggravatingFacts.None, "职工反映欠薪", null));
        Assert.True(logged.Succeeded, logged.ErrorCode);
        var names = new[] { "张三", "李四", "王五" };
        var imported = await commands.SendAsync(officer, new ImportWorkers(logged.Number!,
            workers.Select((w, i) => Worker(names[i], w.IdNumber, w.Phone)).ToList()));
        Assert.True(imported.Succeeded, imported.ErrorCode);
        return logged.Number!;
    }

    private static async Task<List<string>> KeyIdsAsync(string path) =>
        (await RawAsync(path, "SELECT IdNumber FROM WorkerClaims UNION ALL SELECT Phone FROM WorkerClaims UNION ALL SELECT Contact FROM Enterprises"))
        .Select(row => PersonalDataCipher.KeyIdOf((byte[])row[0]!)).Distinct().Order().ToList();

    private static async Task<List<object?[]>> RawAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static async Task ExecuteAsync(string path, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}

namespace Disputes.Data;

/// <summary>
/// One entry of the audit trail (等保 2.0 8.1.4.3): when, who (user, organisation, client address), what kind of event,
/// on what, with what result, and the incident where there is one. Entries are only ever added: each carries a keyed hash
/// over itself and the hash of the entry before it, so a changed, removed or reordered entry breaks the chain there
/// (<c>verify-audit</c>). The hash key lives outside the database.
/// </summary>
public sealed class AuditRecord
{
    public const int UserIdMaxLength = 64;
    public const int UserNameMaxLength = 256;
    public const int OrganisationMaxLength = 128;
    public const int AddressMaxLength = 45;
    public const int TypeMaxLength = 48;
    public const int ObjectMaxLength = 256;
    public const int ResultMaxLength = 32;
    public const int IncidentNumberMaxLength = 32;
    public const int DetailMaxLength = 1024;
    public const int KeyIdMaxLength = 32;

    /// <summary>The hash the first entry follows.</summary>
    public static readonly byte[] Genesis = new byte[32];

    private AuditRecord()
    {
    }

    public AuditRecord(DateTime atUtc, string type, string result, string? userId, string? userName, string? organisation,
        string? clientAddress, string? @object, string? incidentNumber, string? detail)
    {
        // Whole microseconds: what every provider stores exactly (PostgreSQL keeps no finer), so the hash reads back the same.
        AtUtc = new DateTime(atUtc.Ticks - atUtc.Ticks % 10, DateTimeKind.Utc);
        Type = Cut(type, TypeMaxLength)!;
        Result = Cut(result, ResultMaxLength)!;
        UserId = Cut(userId, UserIdMaxLength);
        UserName = Cut(userName, UserNameMaxLength);
        Organisation = Cut(organisation, OrganisationMaxLength);
        ClientAddress = Cut(clientAddress, AddressMaxLength);
        Object = Cut(@object, ObjectMaxLength);
        IncidentNumber = Cut(incidentNumber, IncidentNumberMaxLength);
        Detail = Cut(detail, DetailMaxLength);
    }

    /// <summary>The entry's place in the chain: 1, 2, 3… without gaps, given out by <see cref="AuditHead"/>.</summary>
    public long Sequence { get; private set; }

    public DateTime AtUtc { get; private set; }

    /// <summary>What happened, as a stable name (<c>SignIn</c>, <c>IncidentLogged</c>, <c>PersonalDataRevealed</c>…), shown in words.</summary>
    public string Type { get; private set; } = string.Empty;

    /// <summary><c>Succeeded</c>, or why not.</summary>
    public string Result { get; private set; } = string.Empty;

    public string? UserId { get; private set; }

    /// <summary>The user's name (or the name as typed at a refused sign-in).</summary>
    public string? UserName { get; private set; }

    /// <summary>The user's organisation as it was then.</summary>
    public string? Organisation { get; private set; }

    public string? ClientAddress { get; private set; }

    /// <summary>What the event was about: an account, a file, a playbook version, a worker…</summary>
    public string? Object { get; private set; }

    public string? IncidentNumber { get; private set; }

    /// <summary>More, such as the reason given for revealing a number.</summary>
    public string? Detail { get; private set; }

    /// <summary>Which key the hash was made with: keys are rotated, and old entries keep theirs.</summary>
    public string KeyId { get; private set; } = string.Empty;

    public byte[] Hash { get; private set; } = [];

    /// <summary>Takes its place in the chain (done only by the audit log, inside the transaction that writes it).</summary>
    public void Seal(long sequence, string keyId, byte[] hash)
    {
        Sequence = sequence;
        KeyId = keyId;
        Hash = hash;
    }

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}

/// <summary>
/// The end of the audit chain, one row: the last sequence given out and its entry's hash. Every append updates it first,
/// in its own transaction, so appends from every instance take their turn; and a removed last entry shows, since the head
/// still names it.
/// </summary>
public sealed class AuditHead
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;

    public long Sequence { get; set; }

    public byte[] Hash { get; set; } = AuditRecord.Genesis;
}
